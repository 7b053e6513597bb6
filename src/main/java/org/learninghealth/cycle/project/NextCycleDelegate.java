package org.learninghealth.cycle.project;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.sustain.SustainStartDelegate;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * Adapt: the next PDSA cycle starts with the cycle number plus one. The results of the finished cycle are cleared
 * so that no gateway of the new cycle reads a stale answer; a one-line summary of each cycle is kept.
 */
@Component("nextCycle")
public class NextCycleDelegate implements JavaDelegate {

    static final List<String> CYCLE_RESULTS = List.of(OVERSIGHT_DECISION, DATA_SUFFICIENT, DATA_SHORTFALL, BASELINE_PERIODS,
            INTERVENTION_PERIODS, FIRST_GO_LIVE, BASELINE_VALUE, INTERVENTION_VALUE, ABSOLUTE_CHANGE, RELATIVE_CHANGE, IMPROVED,
            IMPROVEMENT_SIGNAL, CHART_TYPE, EFFECT_TYPE, EFFECT_ESTIMATE, EFFECT_CI_LOW, EFFECT_CI_HIGH, SIGNIFICANT, P_VALUE, STATISTICAL_TEST, AIM_MET, EVALUATION_SUMMARY, RECOMMENDATION, RECOMMENDATION_REASON,
            INTERPRETATION, MEASUREMENT_CSV, BALANCING_MEASURE_HARMED, BALANCING_NOTES, DECISION, CYCLE_OUTCOME);

    @Override
    public void execute(DelegateExecution execution) {
        int cycle = (Integer) execution.getVariable(CYCLE_NUMBER);
        String previous = (String) execution.getVariable(PREVIOUS_CYCLES);
        String line = "Cycle " + cycle + ": " + execution.getVariable(DECISION) + " - " + execution.getVariable(DECISION_RATIONALE);
        if ("new-cycle".equals(execution.getVariable(SUSTAIN_OUTCOME))) {
            line += "; slipped while sustained (" + execution.getVariable(SUSTAIN_SIGNAL) + ") - " + execution.getVariable(SUSTAIN_DECISION_REASON);
        }
        execution.setVariable(PREVIOUS_CYCLES, VariableText.tail(previous == null ? line : previous + "\n" + line));
        execution.setVariable(CYCLE_NUMBER, cycle + 1);
        CYCLE_RESULTS.forEach(execution::removeVariable);
        SustainStartDelegate.VARIABLES.forEach(execution::removeVariable);
    }
}
