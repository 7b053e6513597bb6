package org.learninghealth.cycle.measurement;

import java.time.LocalDate;

/**
 * One period of a measure: numerator and denominator for proportions and rates, a value for continuous measures.
 */
public record MeasurementPoint(LocalDate period, Double numerator, Double denominator, Double value) {

    public static MeasurementPoint ratio(LocalDate period, double numerator, double denominator) {
        return new MeasurementPoint(period, numerator, denominator, null);
    }

    public static MeasurementPoint continuous(LocalDate period, double value) {
        return new MeasurementPoint(period, null, null, value);
    }
}
