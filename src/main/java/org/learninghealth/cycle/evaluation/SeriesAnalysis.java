package org.learninghealth.cycle.evaluation;

/**
 * A series judged both ways: as a control chart with run-chart rules, and by the pre/post test.
 *
 * @param comparison {@code null} when there are no intervention periods yet
 */
public record SeriesAnalysis(ControlChart chart, Comparison comparison) {
}
