package org.learninghealth.cycle.rollout;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.gates.GatePolicy;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

/** "Prepare unit rollout": go-live due date and readiness checklist of one unit. */
@Component("unitRolloutPreparation")
public class UnitRolloutPreparationDelegate implements JavaDelegate {

    private final GatePolicy gates;
    private final RolloutPlanner planner;
    private final JsonVariables json;

    public UnitRolloutPreparationDelegate(GatePolicy gates, RolloutPlanner planner, JsonVariables json) {
        this.gates = gates;
        this.planner = planner;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(UnitRolloutProcess.GO_LIVE_DUE, gates.dueDate("go-live"));
        execution.setVariable(UnitRolloutProcess.READINESS_CHECKLIST, json.write(planner.readinessChecklist()));
    }
}
