package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.List;

/**
 * One period on a control chart.
 *
 * @param value       the plotted value (proportion, rate, count, measurement, cases or days between events)
 * @param phase       0-based phase the point belongs to
 * @param centerLine  its phase's centre line
 * @param lcl         its phase's lower limit for this period (limits of p and u charts vary with the denominator)
 * @param baseline    whether the period belongs to the baseline, whose points set the judgement of the change
 * @param excluded    a known special cause, left out of centre line, limits and median but still judged
 * @param signal      the point lies beyond a limit of its phase
 * @param improvement after the baseline, a special cause in the better direction against the baseline's limits
 *                    (extended)
 * @param concern     a special cause in the worse direction within its own phase
 * @param rules       the rules that flagged it
 * @param movingRange |value − previous value|, I and XmR charts only
 */
public record ChartPoint(LocalDate period, double value, int phase, double centerLine, double lcl, double ucl, boolean baseline,
                         boolean excluded, boolean signal, boolean improvement, boolean concern, List<Rule> rules, Double movingRange) {
}
