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
    CONTINUOUS(false),
    /**
     * opportunities (patients, procedures) between consecutive rare events, e.g. surgeries between deaths (g chart);
     * more between events is better
     */
    CASES_BETWEEN_EVENTS(false),
    /** days between consecutive rare events, e.g. days between falls with injury (t chart); more is better */
    DAYS_BETWEEN_EVENTS(false);

    private final boolean ratio;

    MeasureType(boolean ratio) {
        this.ratio = ratio;
    }

    /** @return whether rows carry numerator and denominator (else a single value) */
    public boolean isRatio() {
        return ratio;
    }

    /** the name in forms, files and the API: {@code proportion}, {@code cases-between-events}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** whether each row is one rare event and its value the gap since the one before (g and t charts) */
    public boolean isBetweenEvents() {
        return this == CASES_BETWEEN_EVENTS || this == DAYS_BETWEEN_EVENTS;
    }

    public String csvHeader() {
        return ratio ? "period,numerator,denominator" : this == COUNT ? "period,count"
                : this == CASES_BETWEEN_EVENTS ? "period,cases" : this == DAYS_BETWEEN_EVENTS ? "period,days" : "period,value";
    }

    public static MeasureType of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("The measure type is missing; expected one of "
                    + Arrays.stream(values()).map(MeasureType::code).toList() + ".");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown measure type '" + value + "'; expected one of "
                    + Arrays.stream(values()).map(MeasureType::code).toList() + ".");
        }
    }
}
