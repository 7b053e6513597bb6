package org.learninghealth.cycle.measurement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One submission and what it did.
 *
 * @param source    {@code paste}, {@code file}, {@code api}, {@code fhir} (pushed) or {@code fhir-pull}
 * @param stored    new periods
 * @param updated   periods whose values changed (the earlier values are kept as revisions)
 * @param unchanged periods sent again with the same values
 * @param units     the units the rows named ("all units" for rows without one)
 */
public record MeasurementUpload(Long id, String projectKey, int cycle, String source, String fileName, int stored, int updated, int unchanged,
                                LocalDate from, LocalDate to, List<String> units, String recordedBy, Instant recordedAt) {

    public static final String ALL_UNITS = "all units";
}
