package org.learninghealth.cycle.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Making Data Count's variation icon, taken from the last point: common cause, or a special cause high or low that
 * is an improvement or a concern given which way is better.
 */
public enum VariationIcon implements MdcIcon {
    COMMON_CAUSE("common-cause", "Common cause variation: no significant change"),
    IMPROVEMENT_HIGH("improvement-high", "Special cause variation: improvement, higher values"),
    IMPROVEMENT_LOW("improvement-low", "Special cause variation: improvement, lower values"),
    CONCERN_HIGH("concern-high", "Special cause variation: concern, higher values"),
    CONCERN_LOW("concern-low", "Special cause variation: concern, lower values");

    private final String code;
    private final String text;

    VariationIcon(String code, String text) {
        this.code = code;
        this.text = text;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @Override
    public String text() {
        return text;
    }

    public boolean isConcern() {
        return this == CONCERN_HIGH || this == CONCERN_LOW;
    }

    /** @param side +1 a special cause high, −1 low, 0 none */
    static VariationIcon of(int side, Direction direction) {
        if (side == 0) {
            return COMMON_CAUSE;
        }
        boolean better = (side > 0) == (direction == Direction.INCREASE);
        return side > 0 ? (better ? IMPROVEMENT_HIGH : CONCERN_HIGH) : (better ? IMPROVEMENT_LOW : CONCERN_LOW);
    }

}
