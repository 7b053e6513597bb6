package org.learninghealth.cycle.measurement;

/**
 * A checked row, ready for the store.
 *
 * @param unit one of the project's units, or {@code null} for all units together
 */
public record MeasurementRow(String unit, MeasurementPoint point) {
}
