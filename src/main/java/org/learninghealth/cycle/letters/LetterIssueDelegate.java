package org.learninghealth.cycle.letters;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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

    @Override
    public void execute(DelegateExecution execution) {
        OversightReviewProcess.Decision decision = OversightReviewProcess.Decision.valueOf((String) execution.getVariable(OVERSIGHT_DECISION));
        OversightReviewProcess.Pathway pathway = OversightReviewProcess.Pathway.valueOf((String) execution.getVariable(OVERSIGHT_PATHWAY));
        LetterKind kind = LetterKind.of(decision, pathway);
        int cycle = ((Number) execution.getVariable(CYCLE_NUMBER)).intValue();
        Object spread = execution.getVariable(SpreadProcess.SPREAD_UNITS);
        String nextStep = spread == null ? "Revise the plan in the task \"Appraise evidence and plan the change\" and submit it again; the project may"
                + " not start on any unit until it is approved." : "Ask for the spread again with the modifications; no new unit starts until it is approved.";
        LetterIssuer.Determination determination = new LetterIssuer.Determination(
                spread == null ? "the plan of cycle " + cycle : "the spread of the adopted change to " + spread, decision.name().replace('_', ' '),
                execution.getVariable(OVERSIGHT_REVIEWERS), execution.getVariable(OVERSIGHT_COMMENTS), execution.getVariable(OVERSIGHT_CONDITIONS),
                Map.of("nextStep", nextStep));
        Letters.Letter letter = issuer.issue(execution, kind, determination, spread == null ? " cycle " + cycle : " spread to " + spread);
        execution.setVariable(OVERSIGHT_LETTER, letter.link());
    }
}
