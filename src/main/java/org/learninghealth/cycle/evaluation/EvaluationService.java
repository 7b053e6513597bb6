package org.learninghealth.cycle.evaluation;

import java.util.List;
import java.util.Locale;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.springframework.stereotype.Service;

/**
 * Judges a series: a control chart with limits and median from the baseline (periods before the first go-live),
 * held for the intervention, with Anhøj's run-chart rules; and a pre/post test with an effect size and its
 * confidence interval. Says whether the change went the desired way, whether that shows as a special cause on the
 * chart, whether it is unlikely to be chance and whether the aim was met. Knows nothing of Camunda.
 */
@Service
public class EvaluationService {

    private final EvaluationProperties properties;

    public EvaluationService(EvaluationProperties properties) {
        this.properties = properties;
    }

    /** Chart and test of a series whose first {@code baselineCount} points are the baseline, its limits held for all. */
    public SeriesAnalysis analyse(MeasureType type, Direction direction, List<MeasurementPoint> series, int baselineCount) {
        return analyse(type, direction, series, ChartOptions.frozenBaseline(baselineCount));
    }

    /** Chart (in the given phases, with the given rules) and test of baseline (the first phase) against the rest. */
    public SeriesAnalysis analyse(MeasureType type, Direction direction, List<MeasurementPoint> series, ChartOptions options) {
        ControlChart chart = chart(type, direction, series, options);
        int baselineCount = options.baselineCount(series.size());
        Comparison comparison = baselineCount < series.size() && series.subList(baselineCount, series.size()).stream().anyMatch(p -> !p.excluded())
                ? Comparison.of(type, series.subList(0, baselineCount), series.subList(baselineCount, series.size()), properties.significanceLevel())
                : null;
        return new SeriesAnalysis(chart, comparison);
    }

    /** The chart alone, in the given phases and with the given rules, with the installation's Laney threshold. */
    public ControlChart chart(MeasureType type, Direction direction, List<MeasurementPoint> series, ChartOptions options) {
        return ControlCharts.of(type, direction, series, options, properties.laneyMinDenominator());
    }

    public EvaluationResult evaluate(EvaluationRequest request) {
        if (request.firstGoLive() == null) {
            return EvaluationResult.insufficient("No unit has a go-live date yet, so baseline and intervention periods cannot be told apart.", 0, 0);
        }
        List<MeasurementPoint> series = request.series();
        int baseline = (int) series.stream().filter(p -> p.period().isBefore(request.firstGoLive())).count();
        int intervention = series.size() - baseline;
        String shortfall = shortfall(baseline, intervention, request);
        if (shortfall != null) {
            return EvaluationResult.insufficient(shortfall, baseline, intervention);
        }
        SeriesAnalysis analysis = analyse(request.type(), request.direction(), series,
                ChartOptions.baselineAndIntervention(rules(request.rules()), baseline, series.size(), request.aimTarget()));
        Comparison c = analysis.comparison();
        double before = c.baseline();
        double after = c.intervention();
        double absolute = after - before;
        Double relative = before == 0 ? null : absolute / before;
        boolean improved = request.direction().isBetter(after, before);
        boolean significant = improved && c.pValue() != null && c.pValue() < properties.significanceLevel();
        boolean aimMet = request.aimTarget() != null && request.direction().meets(after, request.aimTarget());
        boolean signal = analysis.chart().improvementSignal();
        String summary = summary(request, baseline, intervention, absolute, relative, improved, analysis, significant, aimMet);
        return new EvaluationResult(true, null, baseline, intervention, before, after, absolute, relative, improved, signal,
                significant, aimMet, summary, analysis);
    }

    /** The project's rule set, else the installation's. */
    public RuleSet rules(RuleSet project) {
        return project != null ? project : properties.rules();
    }

    private String shortfall(int baseline, int intervention, EvaluationRequest request) {
        if (baseline >= properties.minBaselinePoints() && intervention >= properties.minInterventionPoints()) {
            return null;
        }
        return String.format(Locale.ROOT, "Not enough data yet: %d baseline periods before the first go-live on %s (at least %d needed) "
                        + "and %d periods since (at least %d needed). Add earlier periods or extend the measurement.",
                baseline, request.firstGoLive(), properties.minBaselinePoints(), intervention, properties.minInterventionPoints());
    }

    private String summary(EvaluationRequest r, int nBefore, int nAfter, double absolute, Double relative, boolean improved,
                           SeriesAnalysis analysis, boolean significant, boolean aimMet) {
        Comparison c = analysis.comparison();
        ControlChart chart = analysis.chart();
        MeasureType type = r.type();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: baseline %s (%d periods) -> intervention %s (%d periods); change %s",
                label(type), format(type, c.baseline()), nBefore, format(type, c.intervention()), nAfter, formatChange(type, absolute)));
        if (relative != null) {
            s.append(String.format(Locale.ROOT, " (%+.1f%%)", relative * 100));
        }
        s.append(improved ? ", in the desired direction (" : ", not in the desired direction (")
                .append(r.direction().name().toLowerCase(Locale.ROOT)).append(").\n\n");
        s.append(chartSentence(chart)).append("\n\n");
        s.append(testSentence(type, c, significant, improved, properties.significanceLevel())).append("\n\n");
        if (r.aimTarget() == null) {
            s.append("No aim target was set.");
        } else {
            s.append(String.format(Locale.ROOT, "Aim (%s %s) %s.", r.direction() == Direction.INCREASE ? ">=" : "<=",
                    format(type, r.aimTarget()), aimMet ? "met" : "not met"));
        }
        return s.toString();
    }

    static String chartSentence(ControlChart chart) {
        long beyond = chart.limitSignals();
        long better = chart.improvementPoints();
        String limits = (beyond == 0 ? "no point beyond the limits of its phase"
                : String.format(Locale.ROOT, "%d point%s beyond the limits of %s phase", beyond, beyond == 1 ? "" : "s", beyond == 1 ? "its" : "their"))
                + String.format(Locale.ROOT, "; %d improvement point%s after the go-live (a special cause in the better direction against the baseline's limits)",
                better, better == 1 ? "" : "s");
        String phases = chart.phases().size() > 1 ? String.format(Locale.ROOT, " The chart has %d phases, each with its own centre line and limits"
                + " (the last at %.4g).", chart.phases().size(), chart.phases().get(chart.phases().size() - 1).centerLine()) : "";
        String rules = chart.rules() == RuleSet.NHS_MDC ? " Rules: Making Data Count; the last point shows " + chart.variationIcon().text().toLowerCase(Locale.ROOT)
                + (chart.assuranceIcon() == null ? "" : "; " + chart.assuranceIcon().text().toLowerCase(Locale.ROOT)) + "." : " " + chart.runs().explanation();
        return String.format(Locale.ROOT, "%s (centre line %.4g from the baseline): %s.%s%s %s", chart.type().label(), chart.centerLine(),
                limits, phases, rules, chart.improvementSignal()
                        ? "The chart shows a special cause in the better direction." : "The chart shows no special cause in the better direction.");
    }

    static String testSentence(MeasureType type, Comparison c, boolean significant, boolean improved, double alpha) {
        StringBuilder s = new StringBuilder(c.test());
        String level = String.format(Locale.ROOT, "%.0f%%", (1 - alpha) * 100);
        if (c.estimate() != null) {
            boolean ratio = Comparison.RATE_RATIO.equals(c.estimateType()) || Comparison.GAP_RATIO.equals(c.estimateType());
            s.append(": ").append(c.estimateType()).append(' ').append(ratio ? String.format(Locale.ROOT, "%.3f", c.estimate()) : formatChange(type, c.estimate()));
            if (c.ciLow() != null || c.ciHigh() != null) {
                s.append(" (").append(level).append(" CI ")
                        .append(c.ciLow() == null ? "-inf" : ratio ? String.format(Locale.ROOT, "%.3f", c.ciLow()) : formatChange(type, c.ciLow()))
                        .append(" to ")
                        .append(c.ciHigh() == null ? "+inf" : ratio ? String.format(Locale.ROOT, "%.3f", c.ciHigh()) : formatChange(type, c.ciHigh()))
                        .append(')');
            }
        }
        if (c.pValue() == null) {
            s.append("; no p-value (no variation in the data).");
        } else {
            s.append(String.format(Locale.ROOT, "; %s: %s.", c.pValue() < 0.0001 ? "p < 0.0001" : String.format(Locale.ROOT, "p = %.4f", c.pValue()),
                    significant ? "unlikely to be chance" : c.pValue() < alpha && !improved ? "unlikely to be chance, but in the wrong direction" : "could be chance"));
        }
        return s.toString();
    }

    private static String label(MeasureType type) {
        return switch (type) {
            case PROPORTION -> "Proportion";
            case RATE -> "Rate";
            case COUNT -> "Count per period";
            case CONTINUOUS -> "Mean";
            case CASES_BETWEEN_EVENTS -> "Mean cases between events";
            case DAYS_BETWEEN_EVENTS -> "Mean days between events";
        };
    }

    public static String format(MeasureType type, double value) {
        return type == MeasureType.PROPORTION ? String.format(Locale.ROOT, "%.1f%%", value * 100) : String.format(Locale.ROOT, "%.4g", value);
    }

    private static String formatChange(MeasureType type, double value) {
        return type == MeasureType.PROPORTION ? String.format(Locale.ROOT, "%+.1f percentage points", value * 100)
                : String.format(Locale.ROOT, "%+.4g", value);
    }
}
