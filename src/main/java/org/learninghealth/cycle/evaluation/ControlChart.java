package org.learninghealth.cycle.evaluation;

import java.util.List;

/**
 * A Shewhart chart of one series in phases, each with its own centre line and limits; the run-chart analysis against
 * the baseline median; and Making Data Count's icons.
 *
 * @param type              which chart, chosen from the measure type, the rule set and the baseline's dispersion
 * @param reason            why this chart, in words a QI lead can check
 * @param rules             the rule set that found the special causes
 * @param centerLine        the baseline's centre line
 * @param sigmaZ            Laney's between-period inflation of the baseline (MR̄ of z-scores / 1.128); 1 for ordinary p and
 *                          u charts, {@code null} for the others
 * @param phases            where each phase starts and ends, its centre line and whether its limits are frozen
 * @param movingRangeCenter MR̄ of the baseline (I and XmR charts only)
 * @param movingRangeUcl    3.267 · MR̄, the upper limit of the moving-range chart (I and XmR charts only)
 * @param improvementSignal after the baseline, a special cause in the better direction against the baseline's limits,
 *                          or (Anhøj) a run-chart signal in the better direction
 * @param variationIcon     from the last point
 * @param assuranceIcon     the target against the last point's limits; {@code null} without a target
 */
public record ControlChart(ChartType type, String reason, RuleSet rules, double centerLine, Double sigmaZ, List<ChartPoint> points,
                           List<PhaseLine> phases, Double movingRangeCenter, Double movingRangeUcl, RunAnalysis runs,
                           boolean improvementSignal, VariationIcon variationIcon, AssuranceIcon assuranceIcon, Double target) {

    /**
     * @param end    exclusive
     * @param freeze the phase's limits come from its first this many points; {@code null}: from all
     */
    public record PhaseLine(int start, int end, double centerLine, Integer freeze) {
    }

    public long limitSignals() {
        return points.stream().filter(ChartPoint::signal).count();
    }

    public long improvementPoints() {
        return points.stream().filter(ChartPoint::improvement).count();
    }

    /** The points from {@code index} on that are a special cause in the worse direction. */
    public List<ChartPoint> concernsFrom(int index) {
        return points.subList(Math.min(index, points.size()), points.size()).stream().filter(ChartPoint::concern).toList();
    }
}
