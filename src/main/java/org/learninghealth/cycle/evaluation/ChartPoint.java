package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;

/**
 * One period on a control chart.
 *
 * @param value       the plotted value (proportion, rate, count or measurement)
 * @param lcl         lower 3-sigma limit for this period (limits of p and u charts vary with the denominator)
 * @param baseline    whether the period belongs to the baseline, whose points set centre line, limits and median
 * @param excluded    a known special cause, left out of centre line, limits and median but still judged
 * @param signal      the point lies beyond a limit
 * @param improvement a signal in the intervention period on the better side
 * @param movingRange |value − previous value|, I charts only
 */
public record ChartPoint(LocalDate period, double value, double lcl, double ucl, boolean baseline, boolean excluded,
                         boolean signal, boolean improvement, Double movingRange) {
}
