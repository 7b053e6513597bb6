package org.learninghealth.cycle.continuingreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.portfolio.ProjectRow;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code continuing-review.bpmn} with the clock moved through a year: a full-board approval (2026-06-01) expires on
 * 2027-06-01 (45 CFR 46.109(e)); the review opens 60 days before (2027-04-02), notices come 30 and 7 days before,
 * and from the expiry day a go-live or a new cycle is refused until the IRB renews the approval, while measurements
 * may still come in. An expedited approval gets an annual check-in that never lapses (46.109(f)(1)).
 */
class ContinuingReviewProcessTest extends CycleSteps {

    static final LocalDate EXPIRY = TODAY.plusMonths(12);

    @Autowired ApprovalPeriods periods;
    @Autowired ApprovalController approvals;
    @Autowired PortfolioService portfolio;

    /** A plan with more than minimal risk, approved by both board members today. */
    private String fullBoardApproved(String lead) {
        Map<String, Object> plan = plan();
        plan.put(MORE_THAN_MINIMAL_RISK, true);
        String key = started(lead);
        acceptedWithEvidence(key);
        complete(lead, key, LearningCycleProcess.TASK_PLAN, plan);
        for (String member : List.of("irb", "irb2")) {
            completeTask(member, tasks(key, OversightReviewProcess.TASK_FULL_BOARD_REVIEW).get(0), Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
        }
        lettersIssued(key);
        executeJobs(key);
        return key;
    }

    private void clockTo(LocalDate day, String key) {
        ClockUtil.setCurrentTime(date(day));
        executeJobs(key);
    }

    private void submitted(String key, String progress) {
        Map<String, Object> v = new HashMap<>();
        v.put(CONTINUING_REVIEW_PROGRESS, progress);
        v.put(CONTINUING_REVIEW_PROBLEMS, "None");
        v.put(CONTINUING_REVIEW_CHANGES, "None");
        complete("lead", key, TASK_SUBMIT, v);
    }

    private void reviewed(String key, String decision, String comments) {
        Map<String, Object> v = new HashMap<>();
        v.put(CONTINUING_REVIEW_DECISION, decision);
        v.put(CONTINUING_REVIEW_COMMENTS, comments);
        complete("irb", key, TASK_REVIEW, v);
        executeJobs(key);
    }

    private List<String> comments(Task task) {
        return taskService.getTaskComments(task.getId()).stream().map(Comment::getFullMessage).toList();
    }

    private Object reviewVariable(String key, String name) {
        var review = runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).singleResult();
        return runtimeService.getVariable(review.getId(), name);
    }

    private ProjectRow row(String key) {
        return as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null))).stream()
                .filter(r -> r.projectKey().equals(key)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<ApprovalController.Approval> expiring(int within) {
        return (List<ApprovalController.Approval>) as("irb", () -> approvals.approvals(within, 0, 500, "json").getBody());
    }


    private Map<String, Object> goLive() {
        return Map.of(UnitRolloutProcess.GO_LIVE_DATE, today().toString());
    }

    @Test
    void aFullBoardApprovalLapsesAfterTwelveMonthsAndItsRenewalReleasesTheGoLive() throws IOException {
        String key = fullBoardApproved("lead");
        assertThat(periods.find(key)).hasValueSatisfying(p -> {
            assertThat(p.pathway()).isEqualTo("FULL_BOARD");
            assertThat(p.approvedOn()).isEqualTo(TODAY);
            assertThat(p.reviewDue()).isEqualTo(EXPIRY);
            assertThat(p.expires()).isTrue();
        });
        assertThat(row(key).irbApproval()).isEqualTo(new ProjectRow.IrbApproval(EXPIRY, true, false));
        assertThat(expiring(365)).filteredOn(a -> a.projectKey().equals(key)).singleElement()
                .satisfies(a -> assertThat(a.daysLeft()).isEqualTo(365)).satisfies(a -> assertThat(a.lead()).isEqualTo("lead"));
        assertThat(expiring(364)).noneMatch(a -> a.projectKey().equals(key));
        assertThatThrownBy(() -> as("lead", () -> approvals.approvals(90, 0, 100, "json"))).hasMessageContaining("for IRB reviewers, managers and administrators");
        completeTask("champion", tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).get(0), goLive());

        clockTo(EXPIRY.minusDays(61), key);
        assertThat(tasks(key, TASK_SUBMIT)).as("nothing due before the review opens").isEmpty();
        clockTo(EXPIRY.minusDays(60), key);
        Task submission = task(key, TASK_SUBMIT);
        assertThat(submission.getAssignee()).isEqualTo("lead");
        assertThat(submission.getDueDate()).isEqualTo(java.sql.Timestamp.valueOf(EXPIRY.atStartOfDay()));
        clockTo(EXPIRY.minusDays(30), key);
        clockTo(EXPIRY.minusDays(7), key);
        assertThat(comments(task(key, TASK_SUBMIT))).containsExactlyInAnyOrder(
                "Notice: the IRB approval of " + key + " expires on " + EXPIRY + ", in 30 days: submit the continuing review.",
                "Notice: the IRB approval of " + key + " expires on " + EXPIRY + ", in 7 days: submit the continuing review.");
        assertThat(task(key, TASK_SUBMIT).getPriority()).isEqualTo(75);

        clockTo(EXPIRY, key);
        assertThat(periods.find(key).orElseThrow().lapsed(EXPIRY)).isTrue();
        assertThat(row(key).irbApproval()).isEqualTo(new ProjectRow.IrbApproval(EXPIRY, true, true));
        assertThat((String) reviewVariable(key, CONTINUING_REVIEW_NOTICES)).contains(EXPIRY + ": The IRB approval of " + key + " lapsed on " + EXPIRY);
        Task secondUnit = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).get(0);
        Object unit = taskService.getVariable(secondUnit.getId(), UNIT);
        assertThatThrownBy(() -> completeTask("champion", secondUnit, goLive())).hasMessageContaining("The go-live on " + unit + " is refused: the IRB approval of "
                + key + " (FULL BOARD) lapsed on " + EXPIRY + " and its continuing review is not approved yet. Measurements already collected may still be submitted");
        reported(key, TODAY, 4, 8); // measurements already collected still come in

        submitted(key, "Live on 4 West since 2026-06-01; 5 East waits for its champion.");
        reviewed(key, "MODIFICATIONS_REQUIRED", "Report falls with injury on 4 West by month.");
        assertThat(reviewVariable(key, CONTINUING_REVIEW_COMMENTS)).isEqualTo("Report falls with injury on 4 West by month.");
        submitted(key, "Live on 4 West since 2026-06-01 (falls with injury: 1 in March); 5 East waits for its champion.");
        reviewed(key, "APPROVE", null);

        LocalDate renewedUntil = EXPIRY.plusMonths(12); // renewed on the expiry day, after the lapse: from today
        assertThat(periods.find(key)).hasValueSatisfying(p -> {
            assertThat(p.reviewDue()).isEqualTo(renewedUntil);
            assertThat(p.renewals()).isEqualTo(1);
            assertThat(p.renewedOn()).isEqualTo(EXPIRY);
            assertThat(p.lapsed(EXPIRY)).isFalse();
        });
        assertThat(reviewVariable(key, CONTINUING_REVIEW_DUE)).isEqualTo(renewedUntil.toString());
        assertThat(reviewVariable(key, CONTINUING_REVIEW_DECISION)).as("the next period starts clean").isNull();
        assertThat(letterText(key, "CONTINUING_REVIEW_APPROVAL")).contains("Continuing review: continuation approved", key + " · cycle 1",
                "Subject of the review the continuing review due " + EXPIRY, "Pathway FULL BOARD", "Determination CONTINUATION APPROVED", "Reviewer(s) irb",
                "The approval now expires on " + renewedUntil, "falls with injury: 1 in March", "46.109(e)");
        completeTask("champion", secondUnit, goLive());
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).isEmpty();

        withdraw("lead", key, "The wards merge");
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).count()).isZero();
        assertThat(periods.find(key).orElseThrow().closedOn()).isEqualTo(EXPIRY);
        assertThat(expiring(10_000)).noneMatch(a -> a.projectKey().equals(key));
        assertThat(row(key).irbApproval()).isNull();
    }

    @Test
    void anExpeditedApprovalGetsAnAnnualCheckInRenewedFromItsDueDateThatNeverLapses() throws IOException {
        String key = approved("lead", researchPlan());
        assertThat(periods.find(key)).hasValueSatisfying(p -> {
            assertThat(p.expires()).isFalse();
            assertThat(p.reviewDue()).isEqualTo(EXPIRY);
        });
        clockTo(EXPIRY.minusDays(20), key);
        // the review opened and the 30-day notice came while the clock jumped: the notice says what is true the day it is given
        assertThat(comments(task(key, TASK_SUBMIT))).containsExactly("Notice: the IRB approval of " + key + " is due for its annual check-in on "
                + EXPIRY + ", in 20 days: submit the continuing review.");
        submitted(key, "Live on both units.");
        reviewed(key, "APPROVE", "Thank you.");
        LocalDate next = EXPIRY.plusMonths(12); // renewed in time: from the old due date
        assertThat(periods.find(key).orElseThrow().reviewDue()).isEqualTo(next);
        assertThat(letterText(key, "CONTINUING_REVIEW_APPROVAL")).contains("Pathway EXPEDITED", "The approval does not expire. The next annual check-in is due on " + next,
                "Thank you.", "46.109(f)(1)");

        clockTo(next.plusDays(1), key);
        assertThat((String) reviewVariable(key, CONTINUING_REVIEW_NOTICES)).contains("The annual check-in of " + key + " due " + next + " is overdue (the approval does not expire).");
        assertThat(periods.find(key).orElseThrow().lapsed(today())).isFalse();
        rolledOut(key, today());
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).as("a check-in does not hold the go-live").isEmpty();
    }

    @Test
    void aLapsedApprovalRefusesANewCycleButTheProjectMayStillEnd() {
        String key = fullBoardApproved("lead");
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 20, 10, 19), false);
        interpreted(key);
        clockTo(EXPIRY, key);

        assertThatThrownBy(() -> decided(key, "ADAPT")).hasMessageContaining("Adapting the change in a new cycle is refused: the IRB approval of " + key
                + " (FULL BOARD) lapsed on " + EXPIRY);
        decided(key, "ABANDON");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).count()).isZero();
        assertThat(periods.find(key).orElseThrow().closedOn()).isEqualTo(EXPIRY);
        assertThat(task(key, ClosureProcess.TASK_SUBMIT_REPORT)).as("the ended full-board project is closed with the IRB").isNotNull();
    }
}
