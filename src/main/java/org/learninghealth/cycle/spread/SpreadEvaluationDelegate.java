package org.learninghealth.cycle.spread;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.PerUnitEvaluation;
import org.learninghealth.cycle.evaluation.PerUnitEvaluation.UnitResult;
import org.learninghealth.cycle.evaluation.RuleSet;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

/**
 * "Evaluate the spread per unit": each new unit with the same chart and tests as the adopting evaluation, against its
 * own baseline (its periods before its own go-live). It held on a unit that improved with a special cause on its own
 * chart or a significant test. A unit without enough periods on either side holds the spread back until its data are
 * in.
 */
@Component("spreadEvaluation")
public class SpreadEvaluationDelegate implements JavaDelegate {

    private final PerUnitEvaluation perUnit;
    private final SpreadRequest request;
    private final SpreadUnits spreadUnits;

    public SpreadEvaluationDelegate(PerUnitEvaluation perUnit, SpreadRequest request, SpreadUnits spreadUnits) {
        this.perUnit = perUnit;
        this.request = request;
        this.spreadUnits = spreadUnits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MeasureType type = MeasureType.of((String) execution.getVariable(MEASURE_TYPE));
        Number target = (Number) execution.getVariable(AIM_TARGET);
        Map<String, UnitResult> byUnit = perUnit.evaluate((String) execution.getVariable(PROJECT_KEY), ((Number) execution.getVariable(CYCLE_NUMBER)).intValue(),
                type, Direction.of((String) execution.getVariable(IMPROVEMENT_DIRECTION)), target == null ? null : target.doubleValue(),
                RuleSet.of((String) execution.getVariable(SPC_RULES), null)).stream().collect(Collectors.toMap(UnitResult::unit, Function.identity()));
        List<String> held = new ArrayList<>();
        List<String> notHeld = new ArrayList<>();
        List<String> shortfall = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        List<UnitResult> judged = new ArrayList<>();
        for (String unit : request.units(execution)) {
            UnitResult result = byUnit.get(unit);
            if (result == null) {
                shortfall.add(unit + " has no data of its own yet");
                continue;
            }
            sentences.add(result.sentence(type));
            judged.add(result);
            if (result.goLive() == null || !result.result().sufficient()) {
                shortfall.add(result.sentence(type));
            } else if (result.improvedWithEvidence()) {
                held.add(unit);
            } else {
                notHeld.add(unit);
            }
        }
        if (shortfall.isEmpty()) {
            judged.forEach(r -> spreadUnits.evaluated(execution.getProcessInstanceId(), r.unit(), r.improvedWithEvidence(), r.sentence(type)));
        }
        execution.setVariable(SPREAD_DATA_SUFFICIENT, shortfall.isEmpty());
        execution.setVariable(SPREAD_SHORTFALL, shortfall.isEmpty() ? null : VariableText.fit(String.join("; ", shortfall) + ".", "the unit charts"));
        execution.setVariable(SPREAD_HELD_ON, held.isEmpty() ? null : String.join(", ", held));
        execution.setVariable(SPREAD_NOT_HELD_ON, notHeld.isEmpty() ? null : String.join(", ", notHeld));
        execution.setVariable(SPREAD_SUMMARY, shortfall.isEmpty() ? VariableText.fit(summary(held, notHeld) + " Each new unit against its own baseline"
                + " before its own go-live: " + String.join("; ", sentences) + ".", "the unit charts") : null);
    }

    /** "Held on 6 South and 7 North." / "Held on 6 South; did not hold on 7 North." / "Did not hold on any new unit: ...". */
    static String summary(List<String> held, List<String> notHeld) {
        if (held.isEmpty()) {
            return "Did not hold on any new unit (" + String.join(", ", notHeld) + ").";
        }
        return "Held on " + String.join(", ", held) + (notHeld.isEmpty() ? "." : "; did not hold on " + String.join(", ", notHeld) + ".");
    }
}
