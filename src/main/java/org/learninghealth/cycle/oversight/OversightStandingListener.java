package org.learninghealth.cycle.oversight;

import static org.learninghealth.cycle.project.CycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.stereotype.Component;

/**
 * What research must stop while the IRB has suspended it or its approval has lapsed ({@link ProjectStanding}): a
 * unit's go-live, adapting into a new cycle, and a new cycle after a slip. Anything else (adopt, abandon, accept,
 * stop, measurements) goes on.
 */
@Component("oversightStanding")
public class OversightStandingListener implements TaskListener {

    private final ProjectStanding standing;

    public OversightStandingListener(ProjectStanding standing) {
        this.standing = standing;
    }

    @Override
    public void notify(DelegateTask task) {
        String key = (String) task.getVariable(PROJECT_KEY);
        switch (task.getTaskDefinitionKey()) {
            case UnitRolloutProcess.TASK_CONFIRM_GO_LIVE -> standing.require(key, "The go-live on " + task.getVariable(UNIT));
            case LearningCycleProcess.TASK_DECIDE -> {
                if (LearningCycleProcess.Decision.ADAPT.name().equals(task.getVariable(DECISION))) {
                    standing.require(key, "Adapting the change in a new cycle");
                }
            }
            case LearningCycleProcess.TASK_PERFORMANCE_SLIPPED -> {
                if ("new-cycle".equals(task.getVariable(SUSTAIN_DECISION))) {
                    standing.require(key, "A new cycle");
                }
            }
            default -> throw new IllegalStateException("oversightStanding is not meant for " + task.getTaskDefinitionKey());
        }
    }
}
