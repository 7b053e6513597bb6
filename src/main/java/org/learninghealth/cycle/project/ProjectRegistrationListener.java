package org.learninghealth.cycle.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Gives a new project its business key (also a variable, for Tasklist columns) and starts it at cycle 1. */
@Component("projectRegistration")
public class ProjectRegistrationListener implements ExecutionListener {

    private final ProjectKeyService keys;

    public ProjectRegistrationListener(ProjectKeyService keys) {
        this.keys = keys;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = keys.nextKey();
        execution.setProcessBusinessKey(key);
        execution.setVariable(CycleVariables.PROJECT_KEY, key);
        execution.setVariable(CycleVariables.CYCLE_NUMBER, 1);
    }
}
