package org.learninghealth.cycle.measurement;

import java.util.Arrays;
import java.util.Locale;

/** The kinds of measure a cycle can follow. */
public enum MeasureType {
    /** numerator / denominator per period, e.g. patients screened / patients admitted (p chart). */
    PROPORTION(true),
    /** events / exposure per period, e.g. falls / 1,000 patient-days (u chart). */
    RATE(true),
    /** events per period with a steady area of opportunity, e.g. central-line infections per month (c chart). */
    COUNT(false),
    /** one value per period, e.g. median minutes door-to-needle (I chart). */
    CONTINUOUS(false);

    private final boolean ratio;

    MeasureType(boolean ratio) {
        this.ratio = ratio;
    }

    /** @return whether rows carry numerator and denominator (else a single value) */
    public boolean isRatio() {
        return ratio;
    }

    public String csvHeader() {
        return ratio ? "period,numerator,denominator" : this == COUNT ? "period,count" : "period,value";
    }

    public static MeasureType of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("The measure type is missing; expected one of proportion, rate, count, continuous.");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown measure type '" + value + "'; expected one of "
                    + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).toList() + ".");
        }
    }
}
