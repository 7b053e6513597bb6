package org.learninghealth.cycle.evaluation;

import java.util.List;
import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

/**
 * The pre/post test of baseline against intervention with an effect size and its confidence interval.
 *
 * @param baseline     pooled proportion or rate, mean count per period, or mean of the baseline
 * @param estimateType what {@link #estimate()} is: a difference (intervention − baseline) or a rate ratio
 *                     (intervention / baseline)
 * @param estimate     {@code null} when it cannot be computed (a rate ratio over a baseline without events)
 * @param ciLow        lower bound of the (1 − alpha) confidence interval; {@code null} when unbounded or undefined
 * @param statistic    z or t of the test; {@code null} for the exact test
 * @param pValue       two-sided; {@code null} when the data have no variation
 */
public record Comparison(String test, double baseline, double intervention, String estimateType, Double estimate,
                         Double ciLow, Double ciHigh, Double statistic, Double pValue) {

    public static final String DIFFERENCE = "difference";
    public static final String RATE_RATIO = "rate ratio";
    /** intervention mean gap / baseline mean gap: above 1, events grew rarer */
    public static final String GAP_RATIO = "ratio of mean gaps";

    /** Excluded points (known special causes) are left out of both groups. */
    public static Comparison of(MeasureType type, List<MeasurementPoint> baseline, List<MeasurementPoint> intervention, double alpha) {
        List<MeasurementPoint> before = baseline.stream().filter(p -> !p.excluded()).toList();
        List<MeasurementPoint> after = intervention.stream().filter(p -> !p.excluded()).toList();
        return switch (type) {
            case PROPORTION -> proportions(sum(before, true), sum(before, false), sum(after, true), sum(after, false), alpha);
            case RATE -> rates(sum(before, true), sum(before, false), sum(after, true), sum(after, false), alpha);
            case COUNT -> rates(sumValues(before), before.size(), sumValues(after), after.size(), alpha);
            case CONTINUOUS -> means(values(before), values(after), alpha);
            case CASES_BETWEEN_EVENTS, DAYS_BETWEEN_EVENTS -> gaps(values(before), values(after), alpha);
        };
    }

    /**
     * Two-proportion z-test with pooled variance; the difference with a Wald interval from the unpooled variance.
     */
    static Comparison proportions(double x1, double n1, double x2, double n2, double alpha) {
        double p1 = x1 / n1, p2 = x2 / n2, pooled = (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        Double z = se == 0 ? null : (p2 - p1) / se;
        Double p = z == null ? null : 2 * (1 - normal().cumulativeProbability(Math.abs(z)));
        double seDiff = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double half = normal().inverseCumulativeProbability(1 - alpha / 2) * seDiff;
        return new Comparison("two-proportion z-test", p1, p2, DIFFERENCE, p2 - p1, p2 - p1 - half, p2 - p1 + half, z, p);
    }

    /**
     * Events per exposure, compared conditionally on all events: the intervention's share of them is
     * Binomial(events, π) with π = e2·RR / (e1 + e2·RR). The two-sided p-value sums the outcomes no more likely than
     * the one observed, the interval is Clopper–Pearson for π turned into a rate ratio (as R's poisson.test).
     */
    static Comparison rates(double events1, double exposure1, double events2, double exposure2, double alpha) {
        long x1 = Math.round(events1), x2 = Math.round(events2);
        int n = (int) (x1 + x2);
        Double p = null, low = null, high = null;
        if (n > 0) {
            BinomialDistribution binomial = new BinomialDistribution(null, n, exposure2 / (exposure1 + exposure2));
            double observed = binomial.probability((int) x2);
            double total = 0;
            for (int k = 0; k <= n; k++) {
                double pk = binomial.probability(k);
                if (pk <= observed * (1 + 1e-7)) {
                    total += pk;
                }
            }
            p = Math.min(1.0, total);
            double piLow = x2 == 0 ? 0 : new BetaDistribution(null, x2, n - x2 + 1).inverseCumulativeProbability(alpha / 2);
            double piHigh = x2 == n ? 1 : new BetaDistribution(null, x2 + 1, n - x2).inverseCumulativeProbability(1 - alpha / 2);
            low = piLow / (1 - piLow) * exposure1 / exposure2;
            high = piHigh == 1 ? null : piHigh / (1 - piHigh) * exposure1 / exposure2;
        }
        double r1 = x1 / exposure1, r2 = x2 / exposure2;
        return new Comparison("exact test of two Poisson rates", r1, r2, RATE_RATIO, x1 == 0 ? null : r2 / r1, low, high, null, p);
    }

    /**
     * Gaps between rare events: each gap ends in one event, so the events per case (or day) of the two periods are
     * compared with the exact Poisson test (k events in Σ gaps); the estimate is the ratio of the mean gaps, with the
     * rate ratio's interval inverted.
     */
    static Comparison gaps(double[] a, double[] b, double alpha) {
        Comparison r = rates(a.length, StatUtils.sum(a), b.length, StatUtils.sum(b), alpha);
        Double ratio = r.estimate() == null || r.estimate() == 0 ? null : 1 / r.estimate();
        Double low = r.ciHigh() == null ? null : 1 / r.ciHigh();
        Double high = r.ciLow() == null || r.ciLow() == 0 ? null : 1 / r.ciLow();
        return new Comparison("exact test of two Poisson rates (one event per gap)", StatUtils.mean(a), StatUtils.mean(b), GAP_RATIO,
                ratio, low, high, null, r.pValue());
    }

    /** Welch's unequal-variance t-test; the difference of means with the Welch–Satterthwaite interval. */
    static Comparison means(double[] a, double[] b, double alpha) {
        double m1 = StatUtils.mean(a), m2 = StatUtils.mean(b);
        double v1 = a.length > 1 ? StatUtils.variance(a) / a.length : 0, v2 = b.length > 1 ? StatUtils.variance(b) / b.length : 0;
        double se = Math.sqrt(v1 + v2);
        if (se == 0 || a.length < 2 || b.length < 2) {
            return new Comparison("Welch t-test", m1, m2, DIFFERENCE, m2 - m1, null, null, null, null);
        }
        double df = (v1 + v2) * (v1 + v2) / (v1 * v1 / (a.length - 1) + v2 * v2 / (b.length - 1));
        double half = new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2) * se;
        return new Comparison("Welch t-test", m1, m2, DIFFERENCE, m2 - m1, m2 - m1 - half, m2 - m1 + half, (m2 - m1) / se,
                new TTest().tTest(a, b));
    }

    private static NormalDistribution normal() {
        return new NormalDistribution(null, 0, 1);
    }

    private static double sum(List<MeasurementPoint> points, boolean numerator) {
        return points.stream().mapToDouble(p -> numerator ? p.numerator() : p.denominator()).sum();
    }

    private static double sumValues(List<MeasurementPoint> points) {
        return points.stream().mapToDouble(MeasurementPoint::value).sum();
    }

    private static double[] values(List<MeasurementPoint> points) {
        return points.stream().mapToDouble(MeasurementPoint::value).toArray();
    }
}
