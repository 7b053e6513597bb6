package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.rollout.GoLiveRepository;
import org.learninghealth.cycle.rollout.UnitGoLive;
import org.springframework.stereotype.Service;

/**
 * Each unit with data of its own, judged against its own baseline: its periods before its own go-live, so that in
 * a stepped-wedge rollout a unit that went live in week 10 is not compared with a baseline that already holds
 * another unit's intervention.
 */
@Service
public class PerUnitEvaluation {

    /** One unit's result; {@code result.sufficient()} is false when it has too few periods on either side. */
    public record UnitResult(String unit, LocalDate goLive, EvaluationResult result) {

        public String sentence(MeasureType type) {
            if (goLive == null) {
                return unit + " has not gone live";
            }
            if (!result.sufficient()) {
                return String.format(Locale.ROOT, "%s has too few periods (%d before its go-live on %s, %d since)", unit, result.baselinePeriods(), goLive,
                        result.interventionPeriods());
            }
            String evidence = result.improvementSignal() && result.significant() ? "special cause on its own chart, unlikely to be chance"
                    : result.improvementSignal() ? "special cause on its own chart" : result.significant() ? "unlikely to be chance, no special cause on its chart"
                    : "no special cause, could be chance";
            return String.format(Locale.ROOT, "%s %s: %s -> %s since its go-live on %s (%s)", unit, result.improved() ? "improved" : "did not improve",
                    EvaluationService.format(type, result.baselineValue()), EvaluationService.format(type, result.interventionValue()), goLive, evidence);
        }

        /** Improved in the desired direction with a special cause or a significant test. */
        public boolean improvedWithEvidence() {
            return result.sufficient() && result.improved() && (result.improvementSignal() || result.significant());
        }
    }

    private final EvaluationService evaluation;
    private final MeasurementRepository measurements;
    private final GoLiveRepository goLives;

    public PerUnitEvaluation(EvaluationService evaluation, MeasurementRepository measurements, GoLiveRepository goLives) {
        this.evaluation = evaluation;
        this.measurements = measurements;
        this.goLives = goLives;
    }

    public List<UnitResult> evaluate(String projectKey, int cycle, MeasureType type, Direction direction, Double aimTarget, RuleSet rules) {
        Map<String, LocalDate> live = goLives.goLives(projectKey, cycle).stream().collect(Collectors.toMap(UnitGoLive::unit, UnitGoLive::date));
        List<UnitResult> results = new ArrayList<>();
        for (String unit : measurements.units(projectKey, cycle)) {
            LocalDate goLive = live.get(unit);
            EvaluationResult result = evaluation.evaluate(new EvaluationRequest(type, direction, measurements.unitSeries(projectKey, cycle, unit), goLive, aimTarget, rules));
            results.add(new UnitResult(unit, goLive, result));
        }
        return results;
    }

    /** "Per unit (each against its own go-live): 4 West improved ...; 5 East did not improve ...", or {@code null} without unit data. */
    public static String summary(List<UnitResult> results, MeasureType type) {
        if (results.isEmpty()) {
            return null;
        }
        return "Per unit, each against its own baseline before its own go-live: "
                + results.stream().map(r -> r.sentence(type)).collect(Collectors.joining("; ")) + ".";
    }

    /** "Improved on its own chart: 4 West." / "No unit improved on its own chart.", for the recommendation. */
    public static String improvedUnits(List<UnitResult> results) {
        if (results.isEmpty()) {
            return null;
        }
        List<String> improved = results.stream().filter(UnitResult::improvedWithEvidence).map(UnitResult::unit).toList();
        return improved.isEmpty() ? "No unit improved on its own chart." : "Improved on its own chart: " + String.join(", ", improved) + ".";
    }
}
