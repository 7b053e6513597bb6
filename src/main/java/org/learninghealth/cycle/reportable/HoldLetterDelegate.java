package org.learninghealth.cycle.reportable;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.reportable.SuspensionProcess.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.letters.LetterIssuer;
import org.learninghealth.cycle.letters.LetterKind;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.stereotype.Component;

/**
 * The suspension letter ({@code suspension.bpmn}) and the termination letter (the learning cycle's halt): what was
 * reported, when it was discovered and reported, how the IRB classified it, and its reasons (45 CFR 46.113).
 */
@Component("holdLetter")
public class HoldLetterDelegate implements JavaDelegate {

    private final LetterIssuer letters;

    public HoldLetterDelegate(LetterIssuer letters) {
        this.letters = letters;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean termination = LearningCycleProcess.TASK_TERMINATION_LETTER.equals(execution.getCurrentActivityId());
        Object classification = execution.getVariable(SAFETY_CLASSIFICATION);
        Map<String, Object> more = new HashMap<>();
        more.put("report", execution.getVariable(SAFETY_EVENT_DESCRIPTION));
        more.put("discovered", execution.getVariable(SAFETY_EVENT_DISCOVERED));
        more.put("reportDue", execution.getVariable(SAFETY_EVENT_REPORT_DUE));
        more.put("late", Boolean.TRUE.equals(execution.getVariable(SAFETY_EVENT_LATE)));
        more.put("classification", classification == null ? null : words(classification.toString()));
        // a termination after a suspension gives the reasons of the decision that ended the suspension
        boolean afterSuspension = termination && execution.getVariable(SUSPENSION_REASON) != null;
        Object reviewer = afterSuspension ? execution.getVariable(SUSPENSION_DECIDED_BY) : execution.getVariable(SAFETY_REVIEWER);
        Object reasons = afterSuspension ? execution.getVariable(SUSPENSION_REASON) : execution.getVariable(SAFETY_REVIEW_NOTES);
        LetterIssuer.Determination determination = new LetterIssuer.Determination("reportable new information",
                termination ? "APPROVAL TERMINATED" : "APPROVAL SUSPENDED", reviewer, reasons, null, more);
        letters.issue(execution, termination ? LetterKind.TERMINATION : LetterKind.SUSPENSION, determination, termination ? " terminated" : " suspended");
    }

    static String words(String classification) {
        return switch (LearningCycleProcess.Classification.valueOf(classification)) {
            case NOT_UNANTICIPATED -> "not an unanticipated problem";
            case UNANTICIPATED_PROBLEM -> "an unanticipated problem involving risks to participants or others";
            case SERIOUS_NONCOMPLIANCE -> "serious non-compliance";
            case CONTINUING_NONCOMPLIANCE -> "continuing non-compliance";
        };
    }
}
