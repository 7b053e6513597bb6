package org.learninghealth.cycle.identity;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** Refuses the completion of a gate (triage, adoption decision, safety review) by the project's own lead. */
@Component("separationOfDuties")
public class SeparationOfDutiesListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        SeparationOfDuties.check(CurrentUser.of(task), (String) task.getVariable(CycleVariables.PROJECT_LEAD),
                (String) task.getVariable(CycleVariables.PROJECT_KEY), task.getName());
    }
}
