package org.learninghealth.cycle.letters;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.springframework.stereotype.Component;

/**
 * "Issue the determination letter": the letter the review's decision on its pathway calls for, rendered from its
 * template, stored once with its SHA-256, and linked for the lead's next task ({@code oversightLetter}).
 */
@Component("letterIssue")
public class LetterIssueDelegate implements JavaDelegate {

    private final LetterIssuer issuer;

    public LetterIssueDelegate(LetterIssuer issuer) {
        this.issuer = issuer;
    }

    /** "46.104(d)(4): secondary research uses of ..." for the category the reviewer named. */
    static String exemptCategory(Object category) {
        String words = category == null ? null : OversightReviewProcess.EXEMPT_CATEGORIES.get(category.toString());
        return words == null ? "46.104(d)" : "46.104(d)(" + category + "): " + words;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OversightReviewProcess.Decision decision = OversightReviewProcess.Decision.valueOf((String) execution.getVariable(OVERSIGHT_DECISION));
        OversightReviewProcess.Pathway pathway = OversightReviewProcess.Pathway.valueOf((String) execution.getVariable(OVERSIGHT_PATHWAY));
        int cycle = ((Number) execution.getVariable(CYCLE_NUMBER)).intValue();
        Object spread = execution.getVariable(SpreadProcess.SPREAD_UNITS);
        Object amendment = execution.getVariable(AmendmentProcess.AMENDMENT_SUMMARY);
        LetterKind kind = amendment != null && decision == OversightReviewProcess.Decision.APPROVED ? LetterKind.AMENDMENT_APPROVAL
                : LetterKind.of(decision, pathway);
        String subject;
        String nextStep;
        String about;
        if (amendment != null) {
            Object version = execution.getVariable(PLAN_VERSION);
            subject = "the amendment making plan version " + version + " of cycle " + cycle + ": " + amendment;
            nextStep = "Revise the amendment in the task \"Describe the amendment\" and submit it again; until it is approved the project goes on"
                    + " as approved before.";
            about = " amendment (plan version " + version + ")";
        } else if (spread != null) {
            subject = "the spread of the adopted change to " + spread;
            nextStep = "Ask for the spread again with the modifications; no new unit starts until it is approved.";
            about = " spread to " + spread;
        } else {
            subject = "the plan of cycle " + cycle;
            nextStep = "Revise the plan in the task \"Appraise evidence and plan the change\" and submit it again; the project may not start on any"
                    + " unit until it is approved.";
            about = " cycle " + cycle;
        }
        LetterIssuer.Determination determination = new LetterIssuer.Determination(subject, decision.name().replace('_', ' '),
                execution.getVariable(OVERSIGHT_REVIEWERS), execution.getVariable(OVERSIGHT_COMMENTS), execution.getVariable(OVERSIGHT_CONDITIONS),
                Map.of("nextStep", nextStep, "changes", String.valueOf(execution.getVariable(AmendmentProcess.AMENDMENT_CHANGES)),
                        "exemptCategory", exemptCategory(execution.getVariable(OversightReviewProcess.EXEMPT_CATEGORY))));
        Letters.Letter letter = issuer.issue(execution, kind, determination, about);
        execution.setVariable(OVERSIGHT_LETTER, letter.link());
    }
}
