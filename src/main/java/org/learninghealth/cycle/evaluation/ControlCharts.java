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
 * Laney p′ and u′ multiply σ by σz = MR̄ of the z-scores / 1.128; g chart (cases between events) limits from the mean
 * ḡ ± 3√(ḡ(ḡ + 1)) with the median as centre line; t chart (days between events) an I chart of y^(1/3.6) with
 * screened moving ranges, back-transformed. With {@link RuleSet#NHS_MDC} every measure gets Making Data Count's XmR
 * chart ({@link MakingDataCount}). Limits of proportions stay within [0, 1], of non-negative measures at or above 0.
 * Each phase has its own centre line and limits from its own points (its first n when frozen); points marked
 * excluded are judged but set nothing. The baseline's limits, extended over the whole series, judge the change.
 */
public final class ControlCharts {

    /** d2 for moving ranges of two. */
    static final double D2 = 1.128;
    /** D4 for moving ranges of two: the upper limit of the moving-range chart is D4 · MR̄. */
    static final double D4 = 3.267;
    /** The dispersion test must reject ordinary binomial/Poisson variation at this level before Laney's chart is used. */
    static final double OVERDISPERSION_ALPHA = 0.01;
    /** qicharts2's power transformation of times between events (Nelson). */
    static final double T_POWER = 3.6;

    private ControlCharts() {
    }

    /** One phase frozen after the baseline: limits from the first {@code baselineCount} points, held for all. */
    public static ControlChart of(MeasureType type, Direction direction, List<MeasurementPoint> points, int baselineCount,
                                  int laneyMinDenominator) {
        if (baselineCount < 1 || baselineCount > points.size()) {
            throw new IllegalArgumentException("baselineCount " + baselineCount + " outside 1.." + points.size());
        }
        return of(type, direction, points, ChartOptions.frozenBaseline(baselineCount), laneyMinDenominator);
    }

    /**
     * @param laneyMinDenominator Laney's chart is used for proportions and rates only when the mean baseline
     *                            denominator reaches this and the baseline is over-dispersed
     */
    public static ControlChart of(MeasureType type, Direction direction, List<MeasurementPoint> points, ChartOptions options,
                                  int laneyMinDenominator) {
        int size = points.size();
        options.check(size);
        int baselineCount = options.baselineCount(size);
        double[] values = points.stream().mapToDouble(MeasurementPoint::plotted).toArray();
        List<Phase> phases = options.phases();
        int[] ends = new int[phases.size()];
        List<List<Integer>> used = new ArrayList<>();
        for (int k = 0; k < phases.size(); k++) {
            ends[k] = k + 1 < phases.size() ? phases.get(k + 1).start() : size;
            used.add(used(points, phases.get(k), ends[k]));
            if (used.get(k).isEmpty()) {
                throw new IllegalArgumentException(k == 0 ? "every baseline point is excluded, so there is nothing to set the centre line from"
                        : "every point of phase " + (k + 1) + " that sets its limits is excluded");
            }
        }
        Choice choice = choose(type, options.rules(), points, values, used.get(0), laneyMinDenominator);
        Limits baseline = limits(choice, points, values, used.get(0), 0, size);
        double[] cl = new double[size], lcl = new double[size], ucl = new double[size];
        List<ControlChart.PhaseLine> lines = new ArrayList<>();
        for (int k = 0; k < phases.size(); k++) {
            Limits phase = k == 0 ? baseline : limits(choice, points, values, used.get(k), phases.get(k).start(), ends[k]);
            for (int i = phases.get(k).start(); i < ends[k]; i++) {
                cl[i] = phase.center[i];
                lcl[i] = phase.lcl[i];
                ucl[i] = phase.ucl[i];
            }
            lines.add(new ControlChart.PhaseLine(phases.get(k).start(), ends[k], phase.center[phases.get(k).start()], phases.get(k).freeze()));
        }
        List<Integer> baselineUsed = used.get(0).stream().filter(i -> i < baselineCount).toList();
        double median = new Median().evaluate(baselineUsed.stream().mapToDouble(i -> values[i]).toArray());
        RunAnalysis runs = RunAnalysis.of(values, median, baselineCount, direction);
        Judged display = judge(options.rules(), values, cl, lcl, ucl, phases, ends, runs, median);
        Judged change = judge(options.rules(), values, baseline.center, baseline.lcl, baseline.ucl, List.of(Phase.from(0)), new int[] {size}, runs, median);
        int better = direction == Direction.INCREASE ? 1 : -1;
        Double[] movingRanges = choice.chart == ChartType.I || choice.chart == ChartType.XMR ? movingRanges(values) : null;
        List<ChartPoint> chartPoints = new ArrayList<>(size);
        boolean improvement = false;
        int phase = 0;
        for (int i = 0; i < size; i++) {
            while (phase + 1 < phases.size() && i >= phases.get(phase + 1).start()) {
                phase++;
            }
            boolean pointImprovement = i >= baselineCount && (options.rules() == RuleSet.ANHOEJ
                    ? (better > 0 ? values[i] > baseline.ucl[i] : values[i] < baseline.lcl[i]) : change.side[i] == better);
            improvement |= pointImprovement;
            chartPoints.add(new ChartPoint(points.get(i).period(), values[i], phase, cl[i], lcl[i], ucl[i], i < baselineCount,
                    points.get(i).excluded(), values[i] > ucl[i] || values[i] < lcl[i], pointImprovement, display.side[i] == -better,
                    display.rules.get(i), movingRanges == null ? null : movingRanges[i]));
        }
        if (options.rules() == RuleSet.ANHOEJ) {
            improvement |= runs.improvement();
        }
        int last = size - 1;
        return new ControlChart(choice.chart, reason(choice, baseline), options.rules(), baseline.center[0], choice.sigmaZ, List.copyOf(chartPoints),
                List.copyOf(lines), baseline.mrBar, baseline.mrBar == null ? null : D4 * baseline.mrBar, runs, improvement,
                VariationIcon.of(display.side[last], direction), AssuranceIcon.of(options.target(), lcl[last], ucl[last], direction),
                options.target());
    }

    /** The chart, chosen from the baseline, and why. */
    private record Choice(ChartType chart, String reason, Double sigmaZ, boolean proportion) {
    }

    /** Centre line and limits over [from, to); mrBar only for I, t and XmR charts. */
    private record Limits(double[] center, double[] lcl, double[] ucl, Double mrBar) {
    }

    /** Per point: the rules that flagged it and the side of its special cause (+1 high, −1 low, 0 none). */
    private record Judged(List<List<Rule>> rules, int[] side) {
    }

    private static List<Integer> used(List<MeasurementPoint> points, Phase phase, int end) {
        int last = phase.freeze() == null ? end : Math.min(end, phase.start() + phase.freeze());
        List<Integer> used = new ArrayList<>();
        for (int i = phase.start(); i < last; i++) {
            if (!points.get(i).excluded()) {
                used.add(i);
            }
        }
        return used;
    }

    private static Choice choose(MeasureType type, RuleSet rules, List<MeasurementPoint> points, double[] values, List<Integer> used,
                                 int laneyMinDenominator) {
        if (rules == RuleSet.NHS_MDC) {
            return new Choice(ChartType.XMR, "XmR chart (Making Data Count) of the plotted values: limits mean ± 2.66 · MR̄, moving ranges of "
                    + "3.267 · MR̄ or more screened out" + (type.isRatio() ? "; denominators do not widen or narrow the limits" : "") + ".", null, false);
        }
        return switch (type) {
            case PROPORTION, RATE -> ratioChoice(type == MeasureType.PROPORTION, points, values, used, laneyMinDenominator);
            case COUNT -> new Choice(ChartType.C, "c chart for counts of events per period; it assumes the same area of opportunity in every period "
                    + "(use a rate with its exposure when that changes).", null, false);
            case CONTINUOUS -> new Choice(ChartType.I, "I chart for one value per period, σ = MR̄ / 1.128; the moving-range chart's upper limit is 3.267 · MR̄.",
                    null, false);
            case CASES_BETWEEN_EVENTS -> new Choice(ChartType.G, "g chart for cases between rare events (geometric): limits ḡ ± 3√(ḡ(ḡ + 1)) from "
                    + "the mean ḡ, centre line the median; more cases between events is better.", null, false);
            case DAYS_BETWEEN_EVENTS -> new Choice(ChartType.T, "t chart for days between rare events: an I chart of days^(1/3.6) with screened "
                    + "moving ranges, back-transformed (qicharts2); more days between events is better.", null, false);
        };
    }

    private static Choice ratioChoice(boolean proportion, List<MeasurementPoint> points, double[] values, List<Integer> used,
                                      int laneyMinDenominator) {
        double n = used.stream().mapToDouble(i -> points.get(i).denominator()).sum();
        double center = used.stream().mapToDouble(i -> points.get(i).numerator()).sum() / n;
        List<Double> z = zScores(proportion, points, values, used, center);
        double chiSquare = z.stream().mapToDouble(zi -> zi * zi).sum();
        Double sigmaZ = sigmaZ(z);
        double dispersionP = z.size() >= 2 ? 1 - new ChiSquaredDistribution(null, z.size() - 1).cumulativeProbability(chiSquare) : 1;
        double meanDenominator = n / used.size();
        boolean overDispersed = sigmaZ != null && sigmaZ > 1 && dispersionP < OVERDISPERSION_ALPHA;
        boolean laney = overDispersed && meanDenominator >= laneyMinDenominator;
        ChartType chart = proportion ? (laney ? ChartType.P_PRIME : ChartType.P) : (laney ? ChartType.U_PRIME : ChartType.U);
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
                    + (overDispersed ? String.format(Locale.ROOT, " (the baseline is over-dispersed, σz = %.2f, but its mean denominator %,.0f is below %,d, so the ordinary chart is kept)",
                    sigmaZ, meanDenominator, laneyMinDenominator) : "")
                    + ".";
        }
        return new Choice(chart, reason, laney ? sigmaZ : 1.0, proportion);
    }

    private static Limits limits(Choice choice, List<MeasurementPoint> points, double[] values, List<Integer> used, int from, int to) {
        int size = values.length;
        double[] center = new double[size], lcl = new double[size], ucl = new double[size];
        Double mrBar = null;
        switch (choice.chart) {
            case P, U, P_PRIME, U_PRIME -> {
                double n = used.stream().mapToDouble(i -> points.get(i).denominator()).sum();
                double c = used.stream().mapToDouble(i -> points.get(i).numerator()).sum() / n;
                double inflation = 1;
                if (choice.chart.isLaney()) {
                    Double sz = sigmaZ(zScores(choice.proportion, points, values, used, c));
                    inflation = sz == null ? 1 : sz;
                }
                for (int i = from; i < to; i++) {
                    double s = inflation * sigma(choice.proportion, c, points.get(i).denominator());
                    center[i] = c;
                    lcl[i] = Math.max(0, c - 3 * s);
                    ucl[i] = choice.proportion ? Math.min(1, c + 3 * s) : c + 3 * s;
                }
            }
            case C -> fill(center, lcl, ucl, from, to, mean(values, used), m -> Math.max(0, m - 3 * Math.sqrt(m)), m -> m + 3 * Math.sqrt(m));
            case G -> {
                double m = mean(values, used);
                double s = Math.sqrt(m * (m + 1));
                double median = new Median().evaluate(used.stream().mapToDouble(i -> values[i]).toArray());
                fill(center, lcl, ucl, from, to, median, x -> Math.max(0, m - 3 * s), x -> m + 3 * s);
            }
            case I -> {
                double m = mean(values, used);
                mrBar = adjacentMeanRange(values, used);
                double sigma = mrBar / D2;
                fill(center, lcl, ucl, from, to, m, x -> x - 3 * sigma, x -> x + 3 * sigma);
            }
            case T -> {
                double[] transformed = Arrays.stream(values).map(v -> Math.pow(v, 1 / T_POWER)).toArray();
                double m = mean(transformed, used);
                double amr = screenedMeanRange(transformed, used);
                mrBar = amr;
                double sigma = amr / D2;
                fill(center, lcl, ucl, from, to, Math.pow(m, T_POWER), x -> backTransform(m - 3 * sigma), x -> Math.pow(m + 3 * sigma, T_POWER));
            }
            case XMR -> {
                MakingDataCount.Limits l = MakingDataCount.limits(values, used);
                mrBar = l.mrBar();
                fill(center, lcl, ucl, from, to, l.mean(), x -> l.lower(), x -> l.upper());
            }
        }
        return new Limits(center, lcl, ucl, mrBar);
    }

    private static String reason(Choice choice, Limits baseline) {
        if (choice.chart != ChartType.I) {
            return choice.reason;
        }
        return baseline.mrBar == 0
                ? "I chart for one value per period; the baseline does not vary (MR̄ = 0), so the limits collapse onto the centre line "
                + "and every different value is flagged: collect a baseline that shows the ordinary variation."
                : String.format(Locale.ROOT, "I chart for one value per period, σ = MR̄ / 1.128 = %.4g / 1.128; the moving-range chart's upper limit is 3.267 · MR̄.",
                baseline.mrBar);
    }

    private static double backTransform(double lower) {
        double v = Math.pow(lower, T_POWER);
        return lower < 0 || Double.isNaN(v) ? 0 : v;
    }

    private static void fill(double[] center, double[] lcl, double[] ucl, int from, int to, double c,
                             java.util.function.DoubleUnaryOperator lower, java.util.function.DoubleUnaryOperator upper) {
        for (int i = from; i < to; i++) {
            center[i] = c;
            lcl[i] = lower.applyAsDouble(c);
            ucl[i] = upper.applyAsDouble(c);
        }
    }

    private static Judged judge(RuleSet rules, double[] values, double[] cl, double[] lcl, double[] ucl, List<Phase> phases, int[] ends,
                                RunAnalysis runs, double median) {
        int size = values.length;
        List<List<Rule>> flagged = new ArrayList<>(size);
        int[] side = new int[size];
        if (rules == RuleSet.NHS_MDC) {
            for (int k = 0; k < phases.size(); k++) {
                int from = phases.get(k).start(), to = ends[k];
                List<MakingDataCount.Flags> flags = MakingDataCount.flags(Arrays.copyOfRange(values, from, to), Arrays.copyOfRange(cl, from, to),
                        Arrays.copyOfRange(lcl, from, to), Arrays.copyOfRange(ucl, from, to));
                for (int i = from; i < to; i++) {
                    flagged.add(List.copyOf(flags.get(i - from).rules()));
                    side[i] = flags.get(i - from).side();
                }
            }
            return new Judged(flagged, side);
        }
        int[] longRun = RunAnalysis.longRunSides(values, median, runs.longestRunLimit());
        boolean crossings = runs.usefulPoints() > 1 && runs.crossings() < runs.crossingsLimit();
        for (int i = 0; i < size; i++) {
            List<Rule> r = new ArrayList<>();
            if (values[i] > ucl[i] || values[i] < lcl[i]) {
                r.add(Rule.OUTSIDE_LIMITS);
                side[i] = values[i] > ucl[i] ? 1 : -1;
            }
            if (longRun[i] != 0) {
                r.add(Rule.LONGEST_RUN);
                side[i] = side[i] != 0 ? side[i] : longRun[i];
            }
            if (crossings && values[i] != median) {
                r.add(Rule.CROSSINGS);
            }
            flagged.add(List.copyOf(r));
        }
        return new Judged(flagged, side);
    }

    private static double sigma(boolean proportion, double center, double n) {
        return proportion ? Math.sqrt(center * (1 - center) / n) : Math.sqrt(center / n);
    }

    /** The used points' z-scores against the centre line (points with no binomial or Poisson spread left out). */
    private static List<Double> zScores(boolean proportion, List<MeasurementPoint> points, double[] values, List<Integer> used, double center) {
        List<Double> z = new ArrayList<>();
        for (int i : used) {
            double sigma = sigma(proportion, center, points.get(i).denominator());
            if (sigma > 0) {
                z.add((values[i] - center) / sigma);
            }
        }
        return z;
    }

    /** Laney's σz: MR̄ of consecutive z-scores / 1.128; {@code null} with fewer than two. */
    private static Double sigmaZ(List<Double> z) {
        if (z.size() < 2) {
            return null;
        }
        double mr = 0;
        for (int k = 1; k < z.size(); k++) {
            mr += Math.abs(z.get(k) - z.get(k - 1));
        }
        return mr / (z.size() - 1) / D2;
    }

    private static double mean(double[] values, List<Integer> used) {
        return used.stream().mapToDouble(i -> values[i]).sum() / used.size();
    }

    /** The moving ranges of the pairs of used points that are neighbours in the series: an excluded point breaks a pair (Montgomery). */
    static double[] adjacentRanges(double[] values, List<Integer> used, String chart) {
        double[] ranges = new double[Math.max(0, used.size() - 1)];
        int count = 0;
        for (int k = 1; k < used.size(); k++) {
            if (used.get(k) == used.get(k - 1) + 1) {
                ranges[count++] = Math.abs(values[used.get(k)] - values[used.get(k - 1)]);
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException(chart + " needs at least two consecutive points that are not excluded in each phase");
        }
        return Arrays.copyOf(ranges, count);
    }

    /** MR̄ over pairs of adjacent points that both count (Montgomery). */
    private static double adjacentMeanRange(double[] values, List<Integer> used) {
        return Arrays.stream(adjacentRanges(values, used, "an I chart")).average().orElseThrow();
    }

    /** qicharts2's I chart inside the t chart: ranges of the counted points in order, those of 3.267 · MR̄ or more dropped. */
    private static double screenedMeanRange(double[] values, List<Integer> used) {
        if (used.size() < 2) {
            throw new IllegalArgumentException("a t chart needs at least two events that are not excluded in each phase");
        }
        double[] ranges = new double[used.size() - 1];
        for (int k = 1; k < used.size(); k++) {
            ranges[k - 1] = Math.abs(values[used.get(k)] - values[used.get(k - 1)]);
        }
        double amr = Arrays.stream(ranges).average().orElseThrow();
        return Arrays.stream(ranges).filter(r -> r < D4 * amr).average().orElse(amr);
    }

    private static Double[] movingRanges(double[] values) {
        Double[] ranges = new Double[values.length];
        for (int i = 1; i < values.length; i++) {
            ranges[i] = Math.abs(values[i] - values[i - 1]);
        }
        return ranges;
    }

    private static String pText(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "= %.3f", p);
    }
}
