package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_KEY;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.letters.LetterIssuer;
import org.learninghealth.cycle.letters.LetterKind;
import org.learninghealth.cycle.letters.Letters;
import org.springframework.stereotype.Component;

/** "Renew the approval and issue the letter": the next period, its continuing-review approval letter, and a clean form for it. */
@Component("continuingReviewRenewal")
public class ContinuingReviewRenewalDelegate implements JavaDelegate {

    private final ContinuingReviewService continuingReview;
    private final ApprovalPeriods periods;
    private final LetterIssuer letters;

    public ContinuingReviewRenewalDelegate(ContinuingReviewService continuingReview, ApprovalPeriods periods, LetterIssuer letters) {
        this.continuingReview = continuingReview;
        this.periods = periods;
        this.letters = letters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = (String) execution.getVariable(PROJECT_KEY);
        String was = (String) execution.getVariable(CONTINUING_REVIEW_DUE);
        LocalDate next = continuingReview.renew(key);
        int renewals = periods.find(key).orElseThrow().renewals();
        boolean expires = Boolean.TRUE.equals(execution.getVariable(APPROVAL_EXPIRES));
        Map<String, Object> more = new HashMap<>();
        more.put("previousDue", was);
        more.put("nextDue", next.toString());
        more.put("expires", expires);
        more.put("progress", execution.getVariable(CONTINUING_REVIEW_PROGRESS));
        more.put("problems", execution.getVariable(CONTINUING_REVIEW_PROBLEMS));
        more.put("changes", execution.getVariable(CONTINUING_REVIEW_CHANGES));
        LetterIssuer.Determination determination = new LetterIssuer.Determination("the continuing review due " + was, "CONTINUATION APPROVED",
                execution.getVariable(CONTINUING_REVIEW_REVIEWER), execution.getVariable(CONTINUING_REVIEW_COMMENTS), null, more);
        // one letter per renewal: the review's process instance and the number of the period it renews
        Letters.Letter letter = letters.issue(execution, LetterKind.CONTINUING_REVIEW_APPROVAL, determination, " continuing review " + renewals,
                execution.getProcessInstanceId() + "/" + renewals);
        execution.setVariable(CONTINUING_REVIEW_DUE, next.toString());
        execution.setVariable(CONTINUING_REVIEW_LETTER, letter.link());
        ContinuingReviewService.log(execution, "continuation approved by " + execution.getVariable(CONTINUING_REVIEW_REVIEWER) + "; "
                + (expires ? "the approval now expires on " : "the next check-in is due ") + next + ".");
        // the next period's review starts with a clean answer
        execution.removeVariable(CONTINUING_REVIEW_DECISION);
        execution.removeVariable(CONTINUING_REVIEW_COMMENTS);
    }
}
