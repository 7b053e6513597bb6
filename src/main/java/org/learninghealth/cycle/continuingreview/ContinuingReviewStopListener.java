package org.learninghealth.cycle.continuingreview;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** The end of a learning cycle, however it ends: its continuing review stops and its approval period closes. */
@Component("continuingReviewStop")
public class ContinuingReviewStopListener implements ExecutionListener {

    private final ContinuingReviewService continuingReview;

    public ContinuingReviewStopListener(ContinuingReviewService continuingReview) {
        this.continuingReview = continuingReview;
    }

    @Override
    public void notify(DelegateExecution execution) {
        continuingReview.ended(execution.getProcessBusinessKey());
    }
}
