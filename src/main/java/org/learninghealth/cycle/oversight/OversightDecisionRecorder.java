package org.learninghealth.cycle.oversight;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.system.JsonVariables;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/** "Record the oversight decision": the combined decision, handed back to the learning cycle. */
@Component("oversightDecisionRecorder")
public class OversightDecisionRecorder implements JavaDelegate {

    private final OversightDecisionService decisions;
    private final JsonVariables json;

    public OversightDecisionRecorder(OversightDecisionService decisions, JsonVariables json) {
        this.decisions = decisions;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OversightDecisionService.Outcome outcome = decisions.decide(
                json.read(execution.getVariable(OversightReviewProcess.VOTES), OversightVoteRecorder.VOTE_LIST));
        execution.setVariable(OVERSIGHT_DECISION, outcome.decision().name());
        execution.setVariable(OVERSIGHT_COMMENTS, VariableText.fit(outcome.comments(), "the review's votes (" + OversightReviewProcess.VOTES + ")"));
        execution.setVariable(OVERSIGHT_CONDITIONS, VariableText.fit(outcome.conditions(), "the review's votes (" + OversightReviewProcess.VOTES + ")"));
        execution.setVariable(OVERSIGHT_REVIEWERS, outcome.reviewers());
    }
}
