package org.learninghealth.cycle.portfolio;

import java.time.LocalDate;
import java.util.List;

/**
 * How long learning takes, from Camunda history over a window of completion dates.
 *
 * @param stages     per stage the time projects spent in it (days; median, 75th percentile, count)
 * @param total      challenge described to adoption decision
 * @param bottleneck the stage with the longest median
 * @param quarters   the same medians per calendar quarter, oldest first, to show whether the organisation gets faster
 */
public record LeadTimes(LocalDate from, LocalDate to, List<StageTime> stages, StageTime total, String bottleneck, List<Quarter> quarters) {

    /**
     * Percentiles interpolate between ranks (R type 7, as Excel's PERCENTILE.INC); {@code null} without data.
     *
     * @param pathway the oversight pathway, for the oversight review split by pathway; {@code null} otherwise
     */
    public record StageTime(String stage, String pathway, Double medianDays, Double p75Days, int count) {
    }

    public record Quarter(String quarter, Double medianTotalDays, int decisions, List<StageTime> stages) {
    }
}
