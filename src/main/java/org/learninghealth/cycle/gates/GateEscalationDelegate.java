package org.learninghealth.cycle.gates;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** "Escalate overdue gate" after a gate's escalation timer. */
@Component("gateEscalation")
public class GateEscalationDelegate implements JavaDelegate {

    private final GateFollowUpService followUps;

    public GateEscalationDelegate(GateFollowUpService followUps) {
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        followUps.escalate(execution.getProcessInstanceId(), (String) execution.getVariableLocal(CycleVariables.GATE_TASK));
    }
}
