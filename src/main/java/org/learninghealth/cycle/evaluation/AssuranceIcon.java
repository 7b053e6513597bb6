package org.learninghealth.cycle.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Making Data Count's assurance icon: whether the process, as its current limits describe it, will meet the target
 * (NHSRplotthedots {@code ptd_calculate_assurance_type}: the target beyond a limit on the passing side passes every
 * time, beyond the other limit fails every time, between the limits is hit and miss).
 */
public enum AssuranceIcon implements MdcIcon {
    PASS("pass", "The process will consistently meet the target"),
    FAIL("fail", "The process will consistently fail the target"),
    HIT_AND_MISS("hit-and-miss", "The process will hit and miss the target");

    private final String code;
    private final String text;

    AssuranceIcon(String code, String text) {
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

    /** @return {@code null} without a target */
    static AssuranceIcon of(Double target, double lcl, double ucl, Direction direction) {
        if (target == null) {
            return null;
        }
        boolean increase = direction == Direction.INCREASE;
        if (target > ucl) {
            return increase ? FAIL : PASS;
        }
        if (target < lcl) {
            return increase ? PASS : FAIL;
        }
        return HIT_AND_MISS;
    }

}
