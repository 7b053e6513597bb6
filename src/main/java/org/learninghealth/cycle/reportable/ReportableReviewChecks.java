package org.learninghealth.cycle.reportable;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.reportable.SuspensionProcess.*;
import static org.learninghealth.cycle.system.TaskAnswers.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.identity.CurrentUser;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.stereotype.Component;

/**
 * On completing the IRB's review of reportable new information, or its decision on a suspension, whatever client
 * sent it: the classification and the action are ones the IRB has, the reasons are given, and the reviewer is
 * recorded for the letter.
 */
@Component("reportableChecks")
public class ReportableReviewChecks implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        if (LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT.equals(task.getTaskDefinitionKey())) {
            if (!oneOf(task.getVariable(SAFETY_CLASSIFICATION), LearningCycleProcess.Classification.values())) {
                problems.add("Classify the information: not an unanticipated problem, an unanticipated problem involving risks to participants or"
                        + " others, serious non-compliance or continuing non-compliance.");
            }
            if (!oneOf(task.getVariable(SAFETY_DECISION), LearningCycleProcess.SafetyDecision.values())) {
                problems.add("Decide: no action, modifications required, suspend or terminate.");
            }
            required(task, SAFETY_REVIEW_NOTES, "Give the reasons (and, for modifications, what must change): the lead and the letter read them.", problems);
            if (problems.isEmpty()) {
                task.getExecution().setVariable(SAFETY_REVIEWER, CurrentUser.of(task));
                // the report came in as the review's own variables; a suspension or termination outlives the review, and its letter names the report
                for (String name : List.of(SAFETY_EVENT_DESCRIPTION, SAFETY_EVENT_DISCOVERED, SAFETY_EVENT_REPORT_DUE, SAFETY_EVENT_LATE)) {
                    task.getExecution().getProcessInstance().setVariable(name, task.getVariable(name));
                }
            }
        } else if (TASK_DECIDE.equals(task.getTaskDefinitionKey())) {
            if (!oneOf(task.getVariable(SUSPENSION_DECISION), Outcome.values())) {
                problems.add("Decide whether the project resumes or is terminated.");
            }
            required(task, SUSPENSION_REASON, "Give the reason: it goes into the audit trail and, for a termination, the letter.", problems);
            if (problems.isEmpty()) {
                task.getExecution().setVariable(SUSPENSION_DECIDED_BY, CurrentUser.of(task));
            }
        } else {
            throw new IllegalStateException("reportableChecks is not meant for " + task.getTaskDefinitionKey());
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("This cannot be sent yet: " + String.join(" ", problems));
        }
    }

    private static boolean oneOf(Object value, Enum<?>[] values) {
        return value != null && Arrays.stream(values).anyMatch(v -> v.name().equals(value));
    }
}
