package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.project.CycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.stereotype.Component;

/**
 * What research must stop while its approval has lapsed: a unit's go-live, adapting into a new cycle, and a new
 * cycle after a slip. Anything else (adopt, abandon, accept, stop, measurements) goes on.
 */
@Component("approvalCurrent")
public class ApprovalCurrentListener implements TaskListener {

    private final ContinuingReviewService continuingReview;

    public ApprovalCurrentListener(ContinuingReviewService continuingReview) {
        this.continuingReview = continuingReview;
    }

    @Override
    public void notify(DelegateTask task) {
        String key = (String) task.getVariable(PROJECT_KEY);
        switch (task.getTaskDefinitionKey()) {
            case UnitRolloutProcess.TASK_CONFIRM_GO_LIVE -> continuingReview.requireCurrent(key, "The go-live on " + task.getVariable(UNIT));
            case LearningCycleProcess.TASK_DECIDE -> {
                if (LearningCycleProcess.Decision.ADAPT.name().equals(task.getVariable(DECISION))) {
                    continuingReview.requireCurrent(key, "Adapting the change in a new cycle");
                }
            }
            case LearningCycleProcess.TASK_PERFORMANCE_SLIPPED -> {
                if ("new-cycle".equals(task.getVariable(SUSTAIN_DECISION))) {
                    continuingReview.requireCurrent(key, "A new cycle");
                }
            }
            default -> throw new IllegalStateException("approvalCurrent is not meant for " + task.getTaskDefinitionKey());
        }
    }
}
