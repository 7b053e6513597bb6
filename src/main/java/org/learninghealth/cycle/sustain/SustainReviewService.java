package org.learninghealth.cycle.sustain;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.learninghealth.cycle.evaluation.ChartOptions;
import org.learninghealth.cycle.evaluation.ChartPoint;
import org.learninghealth.cycle.evaluation.ControlChart;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.EvaluationService;
import org.learninghealth.cycle.evaluation.Phase;
import org.learninghealth.cycle.evaluation.Rule;
import org.learninghealth.cycle.evaluation.RuleSet;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.project.LearningCycleProcess.SustainVerdict;
import org.learninghealth.cycle.rollout.GoLiveRepository;
import org.springframework.stereotype.Service;

/**
 * Judges an adopted change's new periods. The reference is the adopted phase: the periods from the first go-live up
 * to the last one the adopting evaluation used, whose centre line and limits are frozen and extended over every
 * period since. A special cause in the worse direction among the periods after the last accepted slip is a slip;
 * two reviews in a row without a new period make the data overdue; {@code stable-months} months without a slip end
 * monitoring with the change sustained. Two queries per project (its series and its first go-live), whatever its
 * length. Knows nothing of Camunda.
 */
@Service
public class SustainReviewService {

    /** Points named in a slip's description; the rest are counted (the text lives in a 4,000-character variable). */
    static final int MAX_POINTS_NAMED = 12;

    private final MeasurementRepository measurements;
    private final GoLiveRepository goLives;
    private final EvaluationService evaluation;
    private final SustainProperties properties;

    public SustainReviewService(MeasurementRepository measurements, GoLiveRepository goLives, EvaluationService evaluation,
                                SustainProperties properties) {
        this.measurements = measurements;
        this.goLives = goLives;
        this.evaluation = evaluation;
        this.properties = properties;
    }

    /**
     * What a project under monitoring has so far.
     *
     * @param evaluatedThrough the last period the adopting evaluation used
     * @param seenThrough      the latest period the previous review saw
     * @param acceptedThrough  the latest period of a slip the managers accepted, else {@code evaluatedThrough}
     * @param stableSince      when the current stretch without a slip began
     */
    public record Monitoring(String projectKey, int cycle, MeasureType type, Direction direction, RuleSet rules, Double target,
                             LocalDate evaluatedThrough, LocalDate seenThrough, LocalDate acceptedThrough, LocalDate stableSince,
                             int quietReviews) {
    }

    public SustainJudgement review(Monitoring m, LocalDate today) {
        List<MeasurementPoint> series = measurements.series(m.projectKey(), m.cycle(), m.type());
        LocalDate goLive = goLives.firstGoLive(m.projectKey(), m.cycle());
        List<MeasurementPoint> adopted = series.stream().filter(p -> goLive == null || !p.period().isBefore(goLive)).toList();
        int adoptedCount = (int) adopted.stream().filter(p -> !p.period().isAfter(m.evaluatedThrough())).count();
        LocalDate latest = series.isEmpty() ? null : series.get(series.size() - 1).period();
        boolean fresh = latest != null && (m.seenThrough() == null || latest.isAfter(m.seenThrough()));
        int quiet = fresh ? 0 : m.quietReviews() + 1;
        LocalDate seen = fresh ? latest : m.seenThrough();
        long stableMonths = SustainClock.months(m.stableSince(), today);
        String review = "Review of " + today + ": ";
        String overdue = quiet >= 2 ? " No new period for " + quiet + " reviews in a row, so the lead (and the data analysts) are asked for the data." : "";
        if (adoptedCount == 0 || adoptedCount == adopted.size()) {
            return new SustainJudgement(quiet >= 2 ? SustainVerdict.OVERDUE : SustainVerdict.CONTINUE,
                    review + "no period after " + m.evaluatedThrough() + " (the last the adopting evaluation used) is stored yet." + overdue,
                    null, null, seen, quiet, null, null, null, null);
        }
        RuleSet rules = evaluation.rules(m.rules());
        ControlChart chart = evaluation.chart(m.type(), m.direction(), adopted, new ChartOptions(rules, List.of(new Phase(0, adoptedCount)), m.target()));
        List<ChartPoint> concerns = chart.concernsFrom(adoptedCount).stream()
                .filter(p -> !p.excluded() && p.period().isAfter(m.acceptedThrough())).toList();
        List<ChartPoint> since = chart.points().subList(adoptedCount, chart.points().size());
        double level = since.stream().filter(p -> !p.excluded()).mapToDouble(ChartPoint::value).average()
                .orElse(since.get(since.size() - 1).value());
        double adoptedLevel = chart.centerLine();
        ChartPoint last = chart.points().get(chart.points().size() - 1);
        String judged = String.format(Locale.ROOT, "%d period%s after %s judged against the adopted phase's frozen %s (centre %s, limits %s to %s at the last"
                        + " period) with %s; mean since %s.", since.size(), since.size() == 1 ? "" : "s", m.evaluatedThrough(), chart.type().label(),
                format(m.type(), adoptedLevel), format(m.type(), last.lcl()), format(m.type(), last.ucl()), rules.label(), format(m.type(), level));
        SustainVerdict verdict;
        String outcome;
        if (!concerns.isEmpty()) {
            verdict = SustainVerdict.SLIPPED;
            outcome = " Performance slipped: " + concerns.size() + " period" + (concerns.size() == 1 ? " shows" : "s show")
                    + " a special cause in the worse direction.";
        } else if (quiet >= 2) {
            verdict = SustainVerdict.OVERDUE;
            outcome = " No special cause in the worse direction." + overdue;
        } else if (stableMonths >= properties.stableMonths()) {
            verdict = SustainVerdict.SUSTAINED;
            outcome = " No slip for " + stableMonths + " months (since " + m.stableSince() + "): the change is sustained.";
        } else {
            verdict = SustainVerdict.CONTINUE;
            outcome = " No special cause in the worse direction; " + stableMonths + " of " + properties.stableMonths() + " months without a slip.";
        }
        return new SustainJudgement(verdict, review + judged + outcome, concerns.isEmpty() ? null : signal(m.type(), concerns),
                concerns.isEmpty() ? null : concerns.get(concerns.size() - 1).period(), seen, quiet, adoptedLevel, level,
                chart.variationIcon(), chart.assuranceIcon());
    }

    /** "2027-01-04: 24.0% (limits 2.1% to 13.9%, centre 8.0%) beyond a limit, 7 points on one side of the mean". */
    static String signal(MeasureType type, List<ChartPoint> concerns) {
        String named = concerns.stream().limit(MAX_POINTS_NAMED).map(p -> String.format(Locale.ROOT, "%s: %s (limits %s to %s, centre %s) %s",
                p.period(), format(type, p.value()), format(type, p.lcl()), format(type, p.ucl()), format(type, p.centerLine()),
                p.rules().stream().map(Rule::label).collect(Collectors.joining(", ")))).collect(Collectors.joining("; "));
        return concerns.size() > MAX_POINTS_NAMED ? named + "; and " + (concerns.size() - MAX_POINTS_NAMED) + " more" : named;
    }

    private static String format(MeasureType type, double value) {
        return EvaluationService.format(type, value);
    }
}
