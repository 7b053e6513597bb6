package org.learninghealth.cycle.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.oversight.OversightReviewProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleTestSupport;

/** One test per path through oversight-review.bpmn, started as the learning cycle's call activity would. */
class OversightReviewProcessTest extends CycleTestSupport {

    private int projects;

    private String review(String pathway) {
        String key = "OR-TEST-" + pathway + "-" + (++projects) + "-" + System.nanoTime();
        Map<String, Object> v = calledProcessVariables(key);
        v.put(OVERSIGHT_PATHWAY, pathway);
        ProcessInstance instance = runtimeService.startProcessInstanceByKey(KEY, key, v);
        assertThat(instance).isNotNull();
        return key;
    }

    private void vote(String reviewer, String key, String task, String vote, String comments) {
        Task open = tasks(key, task).stream().filter(t -> t.getAssignee() == null || t.getAssignee().equals(reviewer)).findFirst()
                .orElseThrow(() -> new AssertionError("no open " + task + " for " + reviewer));
        Map<String, Object> v = new HashMap<>();
        v.put(REVIEW_DECISION, vote);
        v.put(REVIEW_COMMENTS, comments);
        completeTask(reviewer, open, v);
        lettersIssued(key);
    }

    private Object result(String key, String name) {
        List<HistoricVariableInstance> values = engine.getHistoryService().createHistoricVariableInstanceQuery()
                .processInstanceId(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key)
                        .singleResult().getId()).variableName(name).list();
        return values.isEmpty() ? null : values.get(0).getValue();
    }

    private boolean ended(String key) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count() == 0;
    }

    @Test
    void qiDeterminationNeedsOneReviewer() {
        String key = review("QI");
        assertThat(task(key, TASK_REVIEW_PLAN).getDueDate()).isEqualTo(date(TODAY.plusDays(5)));
        vote("irb", key, TASK_REVIEW_PLAN, "APPROVE", null);
        assertThat(ended(key)).isTrue();
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("APPROVED");
        assertThat(result(key, OVERSIGHT_REVIEWERS)).isEqualTo("irb");
    }

    @Test
    void exemptDeterminationNeedsOneReviewerAndMayDisapprove() {
        String key = review("EXEMPT");
        assertThat(task(key, TASK_REVIEW_PLAN).getDueDate()).isEqualTo(date(TODAY.plusDays(7)));
        vote("irb", key, TASK_REVIEW_PLAN, "DISAPPROVE", "Identifiable data beyond routine care");
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("DISAPPROVED");
        assertThat((String) result(key, OVERSIGHT_COMMENTS)).contains("irb (DISAPPROVE): Identifiable data");
    }

    @Test
    void expeditedReviewerApprovesAlone() {
        String key = review("EXPEDITED");
        assertThat(task(key, TASK_EXPEDITED_REVIEW).getDueDate()).isEqualTo(date(TODAY.plusDays(21)));
        vote("irb", key, TASK_EXPEDITED_REVIEW, "MODIFICATIONS_REQUIRED", "Shorten the data retention");
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("MODIFICATIONS_REQUIRED");
    }

    @Test
    void expeditedReviewerCannotDisapprove() {
        String key = review("EXPEDITED");
        assertThatThrownBy(() -> vote("irb", key, TASK_EXPEDITED_REVIEW, "DISAPPROVE", "Too risky"))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("45 CFR 46.110(b)");
        assertThat(tasks(key, TASK_EXPEDITED_REVIEW)).hasSize(1);
    }

    @Test
    void expeditedReviewerRefersToTheFullBoardWhichThenDecides() {
        String key = review("EXPEDITED");
        vote("irb", key, TASK_EXPEDITED_REVIEW, "REFER_TO_FULL_BOARD", "Might need disapproval");
        assertThat(tasks(key, TASK_FULL_BOARD_REVIEW)).hasSize(2);
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        vote("irb2", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("APPROVED");
        assertThat(result(key, OVERSIGHT_REVIEWERS)).isEqualTo("irb, irb2");
    }

    @Test
    void fullBoardApprovesOnlyWithTwoApprovals() {
        String key = review("FULL_BOARD");
        assertThat(tasks(key, TASK_FULL_BOARD_REVIEW)).hasSize(2).allMatch(t -> t.getDueDate().equals(date(TODAY.plusDays(45))));
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        assertThat(ended(key)).isFalse();
        vote("irb2", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("APPROVED");
    }

    @Test
    void oneRejectionOfTheTwoReviewerBoardDisapproves() {
        String key = review("FULL_BOARD");
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        vote("irb2", key, TASK_FULL_BOARD_REVIEW, "DISAPPROVE", "Withholds standard care");
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("DISAPPROVED");
        assertThat((String) result(key, OVERSIGHT_COMMENTS)).isEqualTo("irb2 (DISAPPROVE): Withholds standard care");
    }

    @Test
    void boardWithModificationsAndApprovalRequiresModifications() {
        String key = review("FULL_BOARD");
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "MODIFICATIONS_REQUIRED", "Add a stopping rule");
        vote("irb2", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("MODIFICATIONS_REQUIRED");
    }

    @Test
    void longCommentsOfAReferredBoardReviewStillFitAVariable() {
        String key = review("EXPEDITED");
        String longText = "Consider the night staffing. ".repeat(100);
        vote("irb", key, TASK_EXPEDITED_REVIEW, "REFER_TO_FULL_BOARD", longText);
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "MODIFICATIONS_REQUIRED", longText);
        vote("irb2", key, TASK_FULL_BOARD_REVIEW, "MODIFICATIONS_REQUIRED", longText);
        assertThat(result(key, OVERSIGHT_DECISION)).isEqualTo("MODIFICATIONS_REQUIRED");
        assertThat((String) result(key, OVERSIGHT_COMMENTS)).hasSize(4000).startsWith("irb (REFER_TO_FULL_BOARD): Consider")
                .endsWith("[... cut; the whole text is in the review's votes (oversightVotes)]");
        assertThat(result(key, VOTES).toString()).contains(longText.trim());
    }

    @Test
    void oneReviewerCannotCastBothBoardVotes() {
        String key = review("FULL_BOARD");
        vote("irb", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null);
        assertThatThrownBy(() -> vote("irb", key, TASK_FULL_BOARD_REVIEW, "APPROVE", null))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("second reviewer");
    }

    @Test
    void aReviewerCannotReviewTheirOwnProject() {
        String key = review("QI");
        runtimeService.setVariable(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId(),
                PROJECT_LEAD, "irblead");
        assertThatThrownBy(() -> vote("irblead", key, TASK_REVIEW_PLAN, "APPROVE", null))
                .hasRootCauseInstanceOf(AuthorizationException.class).hasMessageContaining("Separation of duties");
    }

    @Test
    void disapprovalWithoutCommentsIsRefused() {
        String key = review("QI");
        assertThatThrownBy(() -> vote("irb", key, TASK_REVIEW_PLAN, "DISAPPROVE", " "))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("Explain your decision");
    }

    @Test
    void anOverdueReviewIsRemindedAndEscalated() {
        String key = review("QI");
        moveClock(Duration.ofDays(8));
        int executed = executeJobs(key);
        assertThat(executed).isEqualTo(4);
        assertThat(task(key, TASK_REVIEW_PLAN).getPriority()).isEqualTo(100);
    }
}
