package org.learninghealth.cycle.evaluation;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.rollout.GoLiveRepository;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/** "Evaluate the change": the stored series of this cycle against its first go-live, and each unit against its own. */
@Component("changeEvaluation")
public class ChangeEvaluationDelegate implements JavaDelegate {

    private final EvaluationService evaluation;
    private final MeasurementRepository measurements;
    private final GoLiveRepository goLives;
    private final PerUnitEvaluation perUnit;

    public ChangeEvaluationDelegate(EvaluationService evaluation, MeasurementRepository measurements, GoLiveRepository goLives,
                                    PerUnitEvaluation perUnit) {
        this.evaluation = evaluation;
        this.perUnit = perUnit;
        this.measurements = measurements;
        this.goLives = goLives;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String projectKey = (String) execution.getVariable(PROJECT_KEY);
        int cycle = (Integer) execution.getVariable(CYCLE_NUMBER);
        Number aimTarget = (Number) execution.getVariable(AIM_TARGET);
        MeasureType type = MeasureType.of((String) execution.getVariable(MEASURE_TYPE));
        EvaluationRequest request = new EvaluationRequest(type,
                Direction.of((String) execution.getVariable(IMPROVEMENT_DIRECTION)), measurements.series(projectKey, cycle, type),
                goLives.firstGoLive(projectKey, cycle), aimTarget == null ? null : aimTarget.doubleValue(),
                RuleSet.of((String) execution.getVariable(SPC_RULES), null));
        EvaluationResult result = evaluation.evaluate(request);
        List<PerUnitEvaluation.UnitResult> units = perUnit.evaluate(projectKey, cycle, type, request.direction(), request.aimTarget(), request.rules());
        String unitSummary = PerUnitEvaluation.summary(units, type);

        execution.setVariable(DATA_SUFFICIENT, result.sufficient());
        execution.setVariable(DATA_SHORTFALL, result.shortfall());
        execution.setVariable(BASELINE_PERIODS, result.baselinePeriods());
        execution.setVariable(INTERVENTION_PERIODS, result.interventionPeriods());
        execution.setVariable(FIRST_GO_LIVE, request.firstGoLive() == null ? null : request.firstGoLive().toString());
        execution.setVariable(EVALUATED_THROUGH, request.series().isEmpty() ? null : request.series().get(request.series().size() - 1).period().toString());
        execution.setVariable(BASELINE_VALUE, result.baselineValue());
        execution.setVariable(INTERVENTION_VALUE, result.interventionValue());
        execution.setVariable(ABSOLUTE_CHANGE, result.absoluteChange());
        execution.setVariable(RELATIVE_CHANGE, result.relativeChange());
        execution.setVariable(IMPROVED, result.improved());
        execution.setVariable(IMPROVEMENT_SIGNAL, result.improvementSignal());
        Comparison c = result.comparison();
        execution.setVariable(CHART_TYPE, result.chart() == null ? null : result.chart().type().code());
        execution.setVariable(VARIATION_ICON, result.chart() == null ? null : result.chart().variationIcon().code());
        execution.setVariable(ASSURANCE_ICON, result.chart() == null || result.chart().assuranceIcon() == null ? null : result.chart().assuranceIcon().code());
        execution.setVariable(STATISTICAL_TEST, c == null ? null : c.test());
        execution.setVariable(P_VALUE, c == null ? null : c.pValue());
        execution.setVariable(EFFECT_TYPE, c == null ? null : c.estimateType());
        execution.setVariable(EFFECT_ESTIMATE, c == null ? null : c.estimate());
        execution.setVariable(EFFECT_CI_LOW, c == null ? null : c.ciLow());
        execution.setVariable(EFFECT_CI_HIGH, c == null ? null : c.ciHigh());
        execution.setVariable(SIGNIFICANT, result.significant());
        execution.setVariable(AIM_MET, result.aimMet());
        execution.setVariable(EVALUATION_SUMMARY, unitSummary == null || !result.sufficient() ? result.summary() : result.summary() + "\n\n" + unitSummary);
        execution.setVariable(UNIT_RESULTS, PerUnitEvaluation.improvedUnits(units));
        execution.setVariable(UNIT_CHARTS, units.stream().anyMatch(u -> u.goLive() != null));
    }
}
