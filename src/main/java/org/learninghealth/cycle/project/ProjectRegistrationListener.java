package org.learninghealth.cycle.project;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.learninghealth.cycle.knowledge.ProjectChallenges;
import org.springframework.stereotype.Component;

/** Gives a new project its business key (also a variable, for Tasklist columns), starts it at cycle 1 and records its challenge. */
@Component("projectRegistration")
public class ProjectRegistrationListener implements ExecutionListener {

    private final ProjectKeyService keys;
    private final ProjectChallenges challenges;

    public ProjectRegistrationListener(ProjectKeyService keys, ProjectChallenges challenges) {
        this.keys = keys;
        this.challenges = challenges;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = keys.nextKey();
        execution.setProcessBusinessKey(key);
        execution.setVariable(CycleVariables.PROJECT_KEY, key);
        execution.setVariable(CycleVariables.CYCLE_NUMBER, 1);
        // found by the triage of a later challenge on the same problem
        challenges.save(new ProjectChallenges.ProjectChallenge(key, execution.getProcessInstanceId(), text(execution, CycleVariables.TITLE),
                text(execution, CycleVariables.PROBLEM), text(execution, CycleVariables.MEASURE_NAME), text(execution, CycleVariables.UNITS),
                text(execution, CycleVariables.PROJECT_LEAD), null));
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
