package org.learninghealth.cycle.reportable;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.reportable.SuspensionProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/** "Hold the project" and "End the hold" of {@code suspension.bpmn}: the suspension as the go-lives and new cycles see it. */
@Component("projectHold")
public class ProjectHoldDelegate implements JavaDelegate {

    private final ProjectHolds holds;

    public ProjectHoldDelegate(ProjectHolds holds) {
        this.holds = holds;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (TASK_HOLD.equals(execution.getCurrentActivityId())) {
            holds.hold((String) execution.getVariable(PROJECT_KEY), execution.getProcessInstanceId(), SustainClock.today(),
                    (String) execution.getVariable(SAFETY_REVIEW_NOTES), (String) execution.getVariable(SAFETY_CLASSIFICATION),
                    (String) execution.getVariable(SAFETY_REVIEWER));
        } else {
            holds.end(execution.getProcessInstanceId(), SustainClock.today(), (String) execution.getVariable(SUSPENSION_DECISION),
                    (String) execution.getVariable(SUSPENSION_REASON), (String) execution.getVariable(SUSPENSION_DECIDED_BY));
        }
    }
}
