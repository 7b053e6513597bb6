package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.PROJECT_KEY;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.gates.GateFollowUpService;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/**
 * The notices of an approval period (30 and 7 days before it is due) and its due date (an expiring approval lapses, a
 * check-in is overdue): said on the open task of the continuing review, whose priority rises, and kept in
 * {@code continuingReviewNotices} for the audit trail.
 */
@Component("continuingReviewNotice")
public class ContinuingReviewNoticeDelegate implements JavaDelegate {

    private final TaskService tasks;
    private final GateFollowUpService followUps;

    public ContinuingReviewNoticeDelegate(TaskService tasks, GateFollowUpService followUps) {
        this.tasks = tasks;
        this.followUps = followUps;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate due = LocalDate.parse((String) execution.getVariable(CONTINUING_REVIEW_DUE));
        boolean expires = Boolean.TRUE.equals(execution.getVariable(APPROVAL_EXPIRES));
        String key = (String) execution.getVariable(PROJECT_KEY);
        LocalDate today = SustainClock.today();
        var open = tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId()).list();
        boolean submitted = open.stream().noneMatch(t -> TASK_SUBMIT.equals(t.getTaskDefinitionKey()));
        String notice;
        if (TASK_RECORD_DUE.equals(execution.getCurrentActivityId())) {
            notice = expires ? "The IRB approval of " + key + " lapsed on " + due + ": go-lives and new cycles are refused until the IRB renews it;"
                    + " measurements already collected may still be submitted."
                    : "The annual check-in of " + key + " due " + due + " is overdue (the approval does not expire).";
        } else {
            notice = "Notice: the IRB approval of " + key + (expires ? " expires on " : " is due for its annual check-in on ") + due + ", in "
                    + ChronoUnit.DAYS.between(today, due) + " days"
                    + (submitted ? "; the continuing review waits for the IRB." : ": submit the continuing review.");
        }
        followUps.notice(execution.getProcessInstanceId(), notice, execution.getCurrentActivityId());
        ContinuingReviewService.log(execution, notice);
    }
}
