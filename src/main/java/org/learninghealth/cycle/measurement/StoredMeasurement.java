package org.learninghealth.cycle.measurement;

import java.time.Instant;
import java.time.LocalDate;

/** A stored period as the data API lists it; {@code unit} is {@code null} for all units together. */
public record StoredMeasurement(LocalDate period, String unit, Double numerator, Double denominator, Double value, String note,
                                boolean excluded, String recordedBy, Instant recordedAt) {
}
