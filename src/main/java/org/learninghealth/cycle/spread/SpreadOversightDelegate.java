package org.learninghealth.cycle.spread;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.springframework.stereotype.Component;

/**
 * "Record the oversight of the spread": what oversight made of it, in words for the audit trail, and the new units
 * opened for their rollout or refused. On the QI pathway with an unchanged change there was no new review, and the
 * trail says so and why.
 */
@Component("spreadOversight")
public class SpreadOversightDelegate implements JavaDelegate {

    private final SpreadUnits spreadUnits;

    public SpreadOversightDelegate(SpreadUnits spreadUnits) {
        this.spreadUnits = spreadUnits;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String units = (String) execution.getVariable(SPREAD_UNITS);
        boolean reviewed = Boolean.TRUE.equals(execution.getVariable(SPREAD_NEEDS_REVIEW));
        Object decision = execution.getVariable(OVERSIGHT_DECISION);
        boolean approved = !reviewed || OversightReviewProcess.Decision.APPROVED.name().equals(decision);
        String text;
        if (!reviewed) {
            text = "No new review: the project is on the QI pathway and the change spreads to " + units + " unchanged, so the oversight"
                    + " determination of cycle " + execution.getVariable(CYCLE_NUMBER) + " covers the new units.";
        } else {
            Object comments = execution.getVariable(OVERSIGHT_COMMENTS);
            Object conditions = execution.getVariable(OVERSIGHT_CONDITIONS);
            text = "Spread to " + units + " reviewed on the " + execution.getVariable(OVERSIGHT_PATHWAY) + " pathway: " + decision
                    + (execution.getVariable(OVERSIGHT_REVIEWERS) == null ? "" : " (" + execution.getVariable(OVERSIGHT_REVIEWERS) + ")")
                    + (comments == null ? "" : ". " + comments) + (conditions == null ? "" : ". Conditions: " + conditions)
                    + (approved ? "." : ". The units are not rolled out; ask again with the changes oversight asked for.");
        }
        execution.setVariable(SPREAD_OVERSIGHT, text);
        execution.setVariable(SPREAD_APPROVED, approved);
        spreadUnits.decided(execution.getProcessInstanceId(), approved);
    }
}
