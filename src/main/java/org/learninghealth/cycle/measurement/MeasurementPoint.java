package org.learninghealth.cycle.measurement;

import java.time.LocalDate;

/**
 * One period of a measure: numerator and denominator for proportions and rates, a value for counts and continuous
 * measures.
 *
 * @param excluded a known special cause: drawn and judged on the chart, but left out of the centre line, limits,
 *                 median and the pre/post test
 * @param note     what happened in the period (a new form, a staffing gap); drawn on the chart, required when excluded
 */
public record MeasurementPoint(LocalDate period, Double numerator, Double denominator, Double value, boolean excluded, String note) {

    public MeasurementPoint(LocalDate period, Double numerator, Double denominator, Double value, boolean excluded) {
        this(period, numerator, denominator, value, excluded, null);
    }

    public MeasurementPoint(LocalDate period, Double numerator, Double denominator, Double value) {
        this(period, numerator, denominator, value, false, null);
    }

    public static MeasurementPoint ratio(LocalDate period, double numerator, double denominator) {
        return new MeasurementPoint(period, numerator, denominator, null);
    }

    public static MeasurementPoint single(LocalDate period, double value) {
        return new MeasurementPoint(period, null, null, value);
    }

    public MeasurementPoint asExcluded() {
        return new MeasurementPoint(period, numerator, denominator, value, true, note);
    }

    public MeasurementPoint withNote(String text) {
        return new MeasurementPoint(period, numerator, denominator, value, excluded, text);
    }

    /** This event as the days since the event {@code before} (rare events given as dates); excluded and note kept. */
    public MeasurementPoint daysAfter(MeasurementPoint before) {
        return new MeasurementPoint(period, null, null, (double) java.time.temporal.ChronoUnit.DAYS.between(before.period, period), excluded, note);
    }

    /** The plotted value: the proportion or rate of a ratio measure, else the value itself. */
    public double plotted() {
        return value != null ? value : numerator / denominator;
    }
}
