package org.learninghealth.cycle.gates;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** "Send reminder" after a gate's reminder timer. */
@Component("gateReminder")
public class GateReminderDelegate implements JavaDelegate {

    private final GateFollowUpService followUps;

    public GateReminderDelegate(GateFollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.remind(execution.getProcessInstanceId(), (String) execution.getVariableLocal(CycleVariables.GATE_TASK));
    }
}
