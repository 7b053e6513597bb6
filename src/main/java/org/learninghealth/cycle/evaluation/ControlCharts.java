package org.learninghealth.cycle.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

/**
 * Computes control charts as in Montgomery's <i>Introduction to Statistical Quality Control</i> and the R package
 * qicharts2: 3-sigma limits; p chart σ = √(p̄(1 − p̄)/nᵢ), u chart σ = √(ū/nᵢ), c chart σ = √c̄, I chart σ = MR̄ / 1.128;
 * Laney p′ and u′ multiply σ by σz = MR̄ of the baseline z-scores / 1.128. Limits of proportions stay within [0, 1],
 * limits of rates and counts at or above 0. Baseline points marked excluded are judged but set nothing.
 */
public final class ControlCharts {

    /** d2 for moving ranges of two. */
    static final double D2 = 1.128;
    /** D4 for moving ranges of two: the upper limit of the moving-range chart is D4 · MR̄. */
    static final double D4 = 3.267;
    /** The dispersion test must reject ordinary binomial/Poisson variation at this level before Laney's chart is used. */
    static final double OVERDISPERSION_ALPHA = 0.01;

    private ControlCharts() {
    }

    /**
     * @param baselineCount        the first this many points are the baseline
     * @param laneyMinDenominator  Laney's chart is used for proportions and rates only when the mean baseline
     *                             denominator reaches this and the baseline is over-dispersed
     */
    public static ControlChart of(MeasureType type, Direction direction, List<MeasurementPoint> points, int baselineCount,
                                  int laneyMinDenominator) {
        if (baselineCount < 1 || baselineCount > points.size()) {
            throw new IllegalArgumentException("baselineCount " + baselineCount + " outside 1.." + points.size());
        }
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < baselineCount; i++) {
            if (!points.get(i).excluded()) {
                used.add(i);
            }
        }
        if (used.isEmpty()) {
            throw new IllegalArgumentException("every baseline point is excluded, so there is nothing to set the centre line from");
        }
        double[] values = points.stream().mapToDouble(MeasurementPoint::plotted).toArray();
        return switch (type) {
            case PROPORTION, RATE -> ratioChart(type, direction, points, values, used, baselineCount, laneyMinDenominator);
            case COUNT -> countChart(direction, points, values, used, baselineCount);
            case CONTINUOUS -> individualsChart(direction, points, values, used, baselineCount);
        };
    }

    private static ControlChart ratioChart(MeasureType type, Direction direction, List<MeasurementPoint> points, double[] values,
                                           List<Integer> used, int baselineCount, int laneyMinDenominator) {
        boolean proportion = type == MeasureType.PROPORTION;
        double x = 0, n = 0;
        for (int i : used) {
            x += points.get(i).numerator();
            n += points.get(i).denominator();
        }
        double center = x / n;
        double[] sigma = new double[points.size()];
        for (int i = 0; i < sigma.length; i++) {
            double ni = points.get(i).denominator();
            sigma[i] = proportion ? Math.sqrt(center * (1 - center) / ni) : Math.sqrt(center / ni);
        }
        // Laney: the spread of the baseline z-scores beyond what the binomial/Poisson model expects
        List<Double> z = new ArrayList<>();
        double chiSquare = 0;
        for (int i : used) {
            if (sigma[i] > 0) {
                double zi = (values[i] - center) / sigma[i];
                z.add(zi);
                chiSquare += zi * zi;
            }
        }
        Double sigmaZ = null;
        double dispersionP = 1;
        if (z.size() >= 2) {
            double mr = 0;
            for (int k = 1; k < z.size(); k++) {
                mr += Math.abs(z.get(k) - z.get(k - 1));
            }
            sigmaZ = mr / (z.size() - 1) / D2;
            dispersionP = 1 - new ChiSquaredDistribution(null, z.size() - 1).cumulativeProbability(chiSquare);
        }
        double meanDenominator = n / used.size();
        boolean laney = sigmaZ != null && sigmaZ > 1 && dispersionP < OVERDISPERSION_ALPHA && meanDenominator >= laneyMinDenominator;
        ChartType chart = proportion ? (laney ? ChartType.P_PRIME : ChartType.P) : (laney ? ChartType.U_PRIME : ChartType.U);
        double inflation = laney ? sigmaZ : 1;
        String model = proportion ? "binomial" : "Poisson";
        String reason;
        if (laney) {
            reason = String.format(Locale.ROOT, "%s: the baseline varies %.1f times more than %s variation allows (dispersion test p %s) "
                            + "and its denominators are large (mean %,.0f ≥ %,d), so %s limits would be too narrow and flag ordinary "
                            + "variation as special causes; Laney's chart widens them by σz = %.3f.",
                    chart.label(), sigmaZ, model, pText(dispersionP), meanDenominator, laneyMinDenominator,
                    proportion ? "p-chart" : "u-chart", sigmaZ);
        } else {
            reason = chart.label() + (proportion ? " for a proportion" : " for events per exposure")
                    + "; limits vary with each period's denominator"
                    + (sigmaZ != null && sigmaZ > 1 && dispersionP < OVERDISPERSION_ALPHA
                    ? String.format(Locale.ROOT, " (the baseline is over-dispersed, σz = %.2f, but its mean denominator %,.0f is below %,d, so the ordinary chart is kept)",
                    sigmaZ, meanDenominator, laneyMinDenominator) : "")
                    + ".";
        }
        double[] lcl = new double[values.length], ucl = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            lcl[i] = Math.max(0, center - 3 * inflation * sigma[i]);
            ucl[i] = center + 3 * inflation * sigma[i];
            if (proportion) {
                ucl[i] = Math.min(1, ucl[i]);
            }
        }
        return assemble(chart, reason, center, laney ? sigmaZ : 1.0, direction, points, values, lcl, ucl, used, baselineCount, null, null, null);
    }

    private static ControlChart countChart(Direction direction, List<MeasurementPoint> points, double[] values, List<Integer> used,
                                           int baselineCount) {
        double center = used.stream().mapToDouble(i -> values[i]).sum() / used.size();
        double[] lcl = new double[values.length], ucl = new double[values.length];
        double sigma = Math.sqrt(center);
        Arrays.fill(lcl, Math.max(0, center - 3 * sigma));
        Arrays.fill(ucl, center + 3 * sigma);
        String reason = "c chart for counts of events per period; it assumes the same area of opportunity in every period "
                + "(use a rate with its exposure when that changes).";
        return assemble(ChartType.C, reason, center, null, direction, points, values, lcl, ucl, used, baselineCount, null, null, null);
    }

    private static ControlChart individualsChart(Direction direction, List<MeasurementPoint> points, double[] values,
                                                 List<Integer> used, int baselineCount) {
        double center = used.stream().mapToDouble(i -> values[i]).sum() / used.size();
        double mrSum = 0;
        int mrCount = 0;
        for (int k = 1; k < used.size(); k++) {
            if (used.get(k) == used.get(k - 1) + 1) {
                mrSum += Math.abs(values[used.get(k)] - values[used.get(k - 1)]);
                mrCount++;
            }
        }
        if (mrCount == 0) {
            throw new IllegalArgumentException("an I chart needs at least two consecutive baseline points that are not excluded");
        }
        double mrBar = mrSum / mrCount;
        double sigma = mrBar / D2;
        double[] lcl = new double[values.length], ucl = new double[values.length];
        Arrays.fill(lcl, center - 3 * sigma);
        Arrays.fill(ucl, center + 3 * sigma);
        Double[] movingRanges = new Double[values.length];
        for (int i = 1; i < values.length; i++) {
            movingRanges[i] = Math.abs(values[i] - values[i - 1]);
        }
        String reason = mrBar == 0
                ? "I chart for one value per period; the baseline does not vary (MR̄ = 0), so the limits collapse onto the centre line "
                + "and every different value is flagged: collect a baseline that shows the ordinary variation."
                : String.format(Locale.ROOT, "I chart for one value per period, σ = MR̄ / 1.128 = %.4g / 1.128; the moving-range chart's upper limit is 3.267 · MR̄.", mrBar);
        return assemble(ChartType.I, reason, center, null, direction, points, values, lcl, ucl, used, baselineCount, movingRanges,
                mrBar, D4 * mrBar);
    }

    private static ControlChart assemble(ChartType type, String reason, double center, Double sigmaZ, Direction direction,
                                         List<MeasurementPoint> points, double[] values, double[] lcl, double[] ucl,
                                         List<Integer> used, int baselineCount, Double[] movingRanges, Double mrCenter, Double mrUcl) {
        List<ChartPoint> chartPoints = new ArrayList<>(values.length);
        boolean improvement = false;
        for (int i = 0; i < values.length; i++) {
            boolean above = values[i] > ucl[i], below = values[i] < lcl[i];
            boolean better = direction == Direction.INCREASE ? above : below;
            boolean pointImprovement = i >= baselineCount && better;
            improvement |= pointImprovement;
            chartPoints.add(new ChartPoint(points.get(i).period(), values[i], lcl[i], ucl[i], i < baselineCount, points.get(i).excluded(),
                    above || below, pointImprovement, movingRanges == null ? null : movingRanges[i]));
        }
        double median = new Median().evaluate(used.stream().mapToDouble(i -> values[i]).toArray());
        RunAnalysis runs = RunAnalysis.of(values, median, baselineCount, direction);
        return new ControlChart(type, reason, center, sigmaZ, List.copyOf(chartPoints), mrCenter, mrUcl, runs, improvement || runs.improvement());
    }

    private static String pText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
