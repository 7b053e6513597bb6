package org.learninghealth.cycle.project;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.continuingreview.ContinuingReviewService;
import org.learninghealth.cycle.identity.ApiCaller;
import org.springframework.stereotype.Component;

/**
 * The end of a learning cycle, however it ends: its continuing review stops and its approval period closes, and an
 * amendment still under review has nothing left to amend.
 */
@Component("projectEnded")
public class ProjectEndedListener implements ExecutionListener {

    private final ContinuingReviewService continuingReview;
    private final RuntimeService runtime;
    private final ApiCaller caller;

    public ProjectEndedListener(ContinuingReviewService continuingReview, RuntimeService runtime, ApiCaller caller) {
        this.continuingReview = continuingReview;
        this.runtime = runtime;
        this.caller = caller;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        continuingReview.ended(key);
        caller.asSystem(() -> {
            for (var amendment : runtime.createProcessInstanceQuery().processDefinitionKey(AmendmentProcess.KEY).processInstanceBusinessKey(key).list()) {
                runtime.deleteProcessInstance(amendment.getId(), "The project ended, so the amendment has nothing left to change.", true);
            }
            return null;
        });
    }
}
