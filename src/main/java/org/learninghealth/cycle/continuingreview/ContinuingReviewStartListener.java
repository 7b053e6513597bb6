package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.project.CycleVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.springframework.stereotype.Component;

/** The end of an oversight review: an approval opens the project's approval period (see {@link ContinuingReviewService#approved}). */
@Component("continuingReviewStart")
public class ContinuingReviewStartListener implements ExecutionListener {

    private final ContinuingReviewService continuingReview;

    public ContinuingReviewStartListener(ContinuingReviewService continuingReview) {
        this.continuingReview = continuingReview;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (OversightReviewProcess.Decision.APPROVED.name().equals(execution.getVariable(OVERSIGHT_DECISION))) {
            continuingReview.approved((String) execution.getVariable(PROJECT_KEY), (String) execution.getVariable(OVERSIGHT_PATHWAY), execution.getVariables());
        }
    }
}
