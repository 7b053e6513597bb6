package org.learninghealth.cycle.evaluation;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.inference.TTest;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.springframework.stereotype.Service;

/**
 * Compares the baseline (periods before the first go-live) with the intervention periods: the pooled proportion
 * or rate, or the mean of a continuous measure; absolute and relative change; whether the change goes the desired
 * way; a pre/post test (two-proportion z-test, exact conditional test of two Poisson rates, Welch t-test); and
 * whether the aim was met. Knows nothing of Camunda.
 */
@Service
public class EvaluationService {

    private final EvaluationProperties properties;

    public EvaluationService(EvaluationProperties properties) {
        this.properties = properties;
    }

    public EvaluationResult evaluate(EvaluationRequest request) {
        if (request.firstGoLive() == null) {
            return EvaluationResult.insufficient("No unit has a go-live date yet, so baseline and intervention periods cannot be told apart.", 0, 0);
        }
        List<MeasurementPoint> baseline = request.series().stream().filter(p -> p.period().isBefore(request.firstGoLive())).toList();
        List<MeasurementPoint> intervention = request.series().stream().filter(p -> !p.period().isBefore(request.firstGoLive())).toList();
        String shortfall = shortfall(baseline.size(), intervention.size(), request);
        if (shortfall != null) {
            return EvaluationResult.insufficient(shortfall, baseline.size(), intervention.size());
        }
        Comparison comparison = switch (request.type()) {
            case PROPORTION -> proportions(baseline, intervention);
            case RATE -> rates(baseline, intervention);
            case CONTINUOUS -> means(baseline, intervention);
        };
        double before = comparison.baseline();
        double after = comparison.intervention();
        double absolute = after - before;
        Double relative = before == 0 ? null : absolute / before;
        boolean improved = request.direction().isBetter(after, before);
        boolean significant = comparison.pValue() != null && comparison.pValue() < properties.significanceLevel();
        boolean aimMet = request.aimTarget() != null && request.direction().meets(after, request.aimTarget());
        String summary = summary(request, baseline.size(), intervention.size(), before, after, absolute, relative, improved,
                comparison, significant, aimMet);
        return new EvaluationResult(true, null, baseline.size(), intervention.size(), before, after, absolute, relative,
                improved, comparison.test(), comparison.pValue(), significant, aimMet, summary);
    }

    private String shortfall(int baseline, int intervention, EvaluationRequest request) {
        if (baseline >= properties.minBaselinePoints() && intervention >= properties.minInterventionPoints()) {
            return null;
        }
        return String.format(Locale.ROOT, "Not enough data yet: %d baseline periods before the first go-live on %s (at least %d needed) "
                        + "and %d periods since (at least %d needed). Add earlier periods or extend the measurement.",
                baseline, request.firstGoLive(), properties.minBaselinePoints(), intervention, properties.minInterventionPoints());
    }

    record Comparison(double baseline, double intervention, String test, Double pValue) {
    }

    /** Pooled proportions and the two-proportion z-test with pooled variance. */
    static Comparison proportions(List<MeasurementPoint> baseline, List<MeasurementPoint> intervention) {
        double x1 = sum(baseline, true), n1 = sum(baseline, false), x2 = sum(intervention, true), n2 = sum(intervention, false);
        double p1 = x1 / n1, p2 = x2 / n2, pooled = (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        Double p = se == 0 ? null : 2 * (1 - new NormalDistribution().cumulativeProbability(Math.abs((p2 - p1) / se)));
        return new Comparison(p1, p2, "two-proportion z-test", p);
    }

    /**
     * Events per exposure, compared with the exact conditional test: given all events, the intervention's share is
     * Binomial(events, exposure share) under equal rates; the two-sided p-value sums the outcomes no more likely than
     * the one observed (as R's binom.test / poisson.test).
     */
    static Comparison rates(List<MeasurementPoint> baseline, List<MeasurementPoint> intervention) {
        double e1 = sum(baseline, false), e2 = sum(intervention, false);
        long x1 = Math.round(sum(baseline, true)), x2 = Math.round(sum(intervention, true));
        int n = (int) (x1 + x2);
        Double p = null;
        if (n > 0) {
            BinomialDistribution binomial = new BinomialDistribution(null, n, e2 / (e1 + e2));
            double observed = binomial.probability((int) x2);
            double total = 0;
            for (int k = 0; k <= n; k++) {
                double pk = binomial.probability(k);
                if (pk <= observed * (1 + 1e-7)) {
                    total += pk;
                }
            }
            p = Math.min(1.0, total);
        }
        return new Comparison(x1 / e1, x2 / e2, "exact test of two Poisson rates", p);
    }

    /** Means and Welch's unequal-variance t-test. */
    static Comparison means(List<MeasurementPoint> baseline, List<MeasurementPoint> intervention) {
        double[] a = baseline.stream().mapToDouble(MeasurementPoint::value).toArray();
        double[] b = intervention.stream().mapToDouble(MeasurementPoint::value).toArray();
        Double p = null;
        if (StatUtils.variance(a) > 0 || StatUtils.variance(b) > 0) {
            p = new TTest().tTest(a, b);
        }
        return new Comparison(StatUtils.mean(a), StatUtils.mean(b), "Welch t-test", p);
    }

    private static double sum(List<MeasurementPoint> points, boolean numerator) {
        return points.stream().mapToDouble(p -> numerator ? p.numerator() : p.denominator()).sum();
    }

    private static String summary(EvaluationRequest r, int nBefore, int nAfter, double before, double after, double absolute,
                                  Double relative, boolean improved, Comparison c, boolean significant, boolean aimMet) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: baseline %s (%d periods) -> intervention %s (%d periods); change %s",
                label(r.type()), format(r.type(), before), nBefore, format(r.type(), after), nAfter, formatChange(r.type(), absolute)));
        if (relative != null) {
            s.append(String.format(Locale.ROOT, " (%+.1f%%)", relative * 100));
        }
        s.append(improved ? ", in the desired direction (" : ", not in the desired direction (")
                .append(r.direction().name().toLowerCase(Locale.ROOT)).append("). ");
        if (c.pValue() == null) {
            s.append(c.test()).append(": no p-value (no variation in the data). ");
        } else {
            s.append(String.format(Locale.ROOT, "%s p = %.4f: %s. ", c.test(), c.pValue(),
                    significant ? "unlikely to be chance" : "could be chance"));
        }
        if (r.aimTarget() == null) {
            s.append("No aim target was set.");
        } else {
            s.append(String.format(Locale.ROOT, "Aim (%s %s) %s.", r.direction() == Direction.INCREASE ? ">=" : "<=",
                    format(r.type(), r.aimTarget()), aimMet ? "met" : "not met"));
        }
        return s.toString();
    }

    private static String label(MeasureType type) {
        return switch (type) {
            case PROPORTION -> "Proportion";
            case RATE -> "Rate";
            case CONTINUOUS -> "Mean";
        };
    }

    static String format(MeasureType type, double value) {
        return type == MeasureType.PROPORTION ? String.format(Locale.ROOT, "%.1f%%", value * 100) : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String formatChange(MeasureType type, double value) {
        return type == MeasureType.PROPORTION ? String.format(Locale.ROOT, "%+.1f percentage points", value * 100)
                : String.format(Locale.ROOT, "%+.4g", value);
    }
}
