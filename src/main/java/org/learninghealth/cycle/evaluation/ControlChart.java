package org.learninghealth.cycle.evaluation;

import java.util.List;

/**
 * A Shewhart chart of one series with centre line and limits from the baseline, held for the intervention, and the
 * run-chart analysis against the baseline median.
 *
 * @param type              which chart, chosen from the measure type and the baseline's dispersion
 * @param reason            why this chart, in words a QI lead can check
 * @param sigmaZ            Laney's between-period inflation (MR̄ of z-scores / 1.128); 1 for ordinary p and u charts,
 *                          {@code null} for c and I charts
 * @param movingRangeCenter MR̄ of the baseline (I charts only)
 * @param movingRangeUcl    3.267 · MR̄, the upper limit of the moving-range chart (I charts only)
 * @param improvementSignal a point beyond a limit on the better side in the intervention period, or a run-chart
 *                          signal in the better direction
 */
public record ControlChart(ChartType type, String reason, double centerLine, Double sigmaZ, List<ChartPoint> points,
                           Double movingRangeCenter, Double movingRangeUcl, RunAnalysis runs, boolean improvementSignal) {

    public long limitSignals() {
        return points.stream().filter(ChartPoint::signal).count();
    }

    public long improvementPoints() {
        return points.stream().filter(ChartPoint::improvement).count();
    }
}
