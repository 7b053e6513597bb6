package org.learninghealth.cycle.rollout;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** "Record go-live": stores the unit's go-live for the evaluation baseline. */
@Component("goLiveRecorder")
public class GoLiveRecorderDelegate implements JavaDelegate {

    private final GoLiveRepository goLives;

    public GoLiveRecorderDelegate(GoLiveRepository goLives) {
        this.goLives = goLives;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object checklist = execution.getVariable(UnitRolloutProcess.CHECKLIST_COMPLETED);
        goLives.record((String) execution.getVariable(CycleVariables.PROJECT_KEY),
                (Integer) execution.getVariable(CycleVariables.CYCLE_NUMBER),
                (String) execution.getVariable(CycleVariables.UNIT),
                GoLiveValidationListener.parse(execution.getVariable(UnitRolloutProcess.GO_LIVE_DATE)),
                (String) execution.getVariable(UnitRolloutProcess.FIDELITY_NOTES),
                checklist == null ? null : checklist.toString(),
                null);
    }
}
