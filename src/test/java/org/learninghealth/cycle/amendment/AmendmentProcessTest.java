package org.learninghealth.cycle.amendment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.amendment.AmendmentProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.audit.AuditService;
import org.learninghealth.cycle.continuingreview.ApprovalPeriods;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

/**
 * {@code amendment.bpmn}: a change to an approved plan between its approval and its decision, reviewed like a plan
 * on the pathway of its amended answers, applied as the next plan version when approved (added units go live only
 * then, removed units' rollouts end), and nothing changed when disapproved.
 */
class AmendmentProcessTest extends CycleSteps {

    @Autowired AmendmentService amendments;
    @Autowired PlanVersions versions;
    @Autowired AuditService audit;
    @Autowired ApprovalPeriods approvals;

    private AmendmentService.Requested requested(String user, String key, List<String> add, List<String> remove, Map<String, Object> changes) {
        return as(user, () -> amendments.request(key, "Rounding moves to 6 South, where the falls are now", add, remove, changes));
    }

    private String projectId(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key).singleResult().getId();
    }

    private Object project(String key, String name) {
        return runtimeService.getVariable(projectId(key), name);
    }

    private List<String> unitsRollingOut(String key) {
        return tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).stream().map(t -> (String) taskService.getVariable(t.getId(), UNIT)).sorted().toList();
    }


    private HttpStatus refusal(String user, String key, List<String> add, List<String> remove, Map<String, Object> changes) {
        try {
            requested(user, key, add, remove, changes);
        } catch (ApiException e) {
            return e.status();
        }
        throw new AssertionError("the amendment was accepted");
    }

    @Test
    void anApprovedAmendmentAddsAUnitOnlyAfterApprovalRemovesAnotherAndBecomesPlanVersionTwo() throws IOException {
        String key = approved("lead");
        Task fourWest = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).stream()
                .filter(t -> "4 West".equals(taskService.getVariable(t.getId(), UNIT))).findFirst().orElseThrow();
        completeTask("champion", fourWest, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()));

        AmendmentService.Requested request = requested("lead", key, List.of("6 South"), List.of("5 East"),
                Map.of(AIM, "Halve falls on 4 West and 6 South within 16 weeks", MEASUREMENT_WEEKS, 16));
        assertThat(request.planVersion()).isEqualTo(2);
        assertThat(request.pathway()).isEqualTo("QI");
        assertThat(request.changes()).isEqualTo("aim: Halve falls on 4 West and 6 South within 16 weeks (was Halve falls on both units within 12 weeks)\n"
                + "measurementWeeks: 16 (was 12)\nunits added: 6 South\nunits removed: 5 East");
        // nothing changes before the IRB approves: 6 South waits, 5 East still rolls out
        assertThat(unitsRollingOut(key)).containsExactly("5 East");
        assertThat(project(key, UNITS)).isEqualTo("4 West, 5 East");
        Task review = task(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        assertThat(taskService.getVariable(review.getId(), AIM)).as("the reviewer sees the amended plan").isEqualTo("Halve falls on 4 West and 6 South within 16 weeks");
        assertThat(taskService.getVariable(review.getId(), AMENDMENT_SUMMARY)).isEqualTo("Rounding moves to 6 South, where the falls are now");
        assertThatThrownBy(() -> requested("lead", key, List.of("7 North"), null, null)).hasMessageContaining("already under review");

        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", "Fine");
        executeJobs(key);

        assertThat(project(key, UNITS)).isEqualTo("4 West, 6 South");
        assertThat(project(key, AIM)).isEqualTo("Halve falls on 4 West and 6 South within 16 weeks");
        assertThat(project(key, MEASUREMENT_WEEKS)).isEqualTo(16);
        assertThat(project(key, PLAN_VERSION)).isEqualTo(2);
        assertThat(unitsRollingOut(key)).containsExactly("6 South");
        HistoricProcessInstance removed = engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(UnitRolloutProcess.KEY)
                .processInstanceBusinessKey(key).variableValueEquals(UNIT, "5 East").singleResult();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(removed.getId())
                .activityId(UnitRolloutProcess.END_REMOVED).count()).isOne();
        assertThat(removed.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(removed.getId())
                .variableName(UnitRolloutProcess.REMOVAL_REASON).singleResult().getValue())
                .isEqualTo("Removed by the amendment of plan version 2: Rounding moves to 6 South, where the falls are now");
        // 4 West was live and 5 East is off the plan, so the measurement period runs with the amended 16 weeks
        Job period = managementService.createJobQuery().activityId(LearningCycleProcess.TIMER_MEASUREMENT).processInstanceId(projectId(key)).singleResult();
        assertThat(period.getDuedate()).isEqualTo(date(TODAY.plusWeeks(16)));
        completeTask("champion", task(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE), Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()));
        executeJobs(key);
        assertThat(history(key)).contains(END_IN_EFFECT);

        assertThat(versions.of(key)).singleElement().satisfies(v -> {
            assertThat(v.version()).isEqualTo(2);
            assertThat(v.addedUnits()).isEqualTo("6 South");
            assertThat(v.removedUnits()).isEqualTo("5 East");
            assertThat(v.reviewers()).isEqualTo("irb");
        });
        assertThat(letterText(key, "AMENDMENT_APPROVAL")).contains("Amendment approved", "Subject of the review the amendment making plan version 2 of cycle 1:",
                "Rounding moves to 6 South", "Determination APPROVED", "Reviewer(s) irb", "units added: 6 South", "units removed: 5 East", "46.108(a)(3)(iii)");
        List<AuditService.Entry> trail = as("irb", () -> audit.trail(key));
        assertThat(trail).filteredOn(e -> e.step().equals("Amendment requested")).singleElement()
                .satisfies(e -> assertThat(e.by()).isEqualTo("lead"))
                .satisfies(e -> assertThat(e.recorded()).containsEntry(AMENDMENT_SUMMARY, "Rounding moves to 6 South, where the falls are now"));
        assertThat(trail).filteredOn(e -> e.step().equals("Plan version 2 in force (cycle 1)")).singleElement()
                .satisfies(e -> assertThat(e.recorded()).containsEntry("approvedBy", "irb").containsEntry("pathway", "QI"));
    }

    @Test
    void modificationsRequiredGoBackToTheLeadAndAnAmendmentThatMakesItResearchIsReviewedOnItsNewPathway() {
        String key = approved("lead");
        rolledOut(key, TODAY);
        Job period = managementService.createJobQuery().activityId(LearningCycleProcess.TIMER_MEASUREMENT).processInstanceId(projectId(key)).singleResult();
        assertThat(period.getDuedate()).isEqualTo(date(TODAY.plusWeeks(12)));
        moveClock(Duration.ofDays(7));

        // the way Tasklist's start form "Request an amendment" starts it
        Map<String, Object> form = new HashMap<>();
        form.put(AMENDMENT_PROJECT, key);
        form.put(AMENDMENT_SUMMARY, "Publish the results as a study of night rounding");
        form.put(formField(GENERALIZABLE_KNOWLEDGE), "yes");
        form.put(formField(MEASUREMENT_WEEKS), 16);
        as("lead", () -> runtimeService.startProcessInstanceByKey(KEY, form));
        Task review = task(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        assertThat(taskService.getVariable(review.getId(), OVERSIGHT_PATHWAY)).isEqualTo("EXEMPT");
        assertThat((String) taskService.getVariable(review.getId(), AMENDMENT_CHANGES)).contains("generalizableKnowledge: true (was false)",
                "oversight pathway: EXEMPT (was QI)");

        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "MODIFICATIONS_REQUIRED", "Say which exemption category applies");
        Task describe = task(key, TASK_DESCRIBE);
        assertThat(describe.getAssignee()).isEqualTo("lead");
        assertThat(taskService.getVariable(describe.getId(), formField(GENERALIZABLE_KNOWLEDGE))).as("the revision starts from what was asked").isEqualTo("yes");
        assertThat(project(key, OVERSIGHT_PATHWAY)).as("nothing changed yet").isEqualTo("QI");
        complete("lead", key, TASK_DESCRIBE, Map.of(AMENDMENT_SUMMARY, "Publish as exempt research, category 4(ii): records without identifiers"));
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", "Category 4(ii)");
        executeJobs(key);

        assertThat(project(key, OVERSIGHT_PATHWAY)).isEqualTo("EXEMPT");
        assertThat(project(key, GENERALIZABLE_KNOWLEDGE)).isEqualTo(true);
        assertThat(managementService.createJobQuery().jobId(period.getId()).singleResult().getDuedate()).as("the running period is 4 weeks longer")
                .isEqualTo(date(TODAY.plusWeeks(16)));
        // the project is now exempt research, so its annual check-in starts with the amendment's approval
        assertThat(approvals.find(key)).hasValueSatisfying(p -> assertThat(p.pathway()).isEqualTo("EXEMPT"));
    }

    @Test
    void aDisapprovedAmendmentLeavesTheProjectAsItWasAndEveryBadRequestIsRefusedWithItsReason() throws IOException {
        String key = approved("lead");
        requested("lead", key, List.of("6 South"), null, null);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "DISAPPROVE", "6 South has no champion");
        executeJobs(key);
        assertThat(history(key)).contains(END_NOT_APPROVED);
        assertThat(project(key, UNITS)).isEqualTo("4 West, 5 East");
        assertThat(project(key, PLAN_VERSION)).isNull();
        assertThat(unitsRollingOut(key)).containsExactly("4 West", "5 East");
        assertThat(versions.of(key)).isEmpty();
        assertThat(letterText(key, "DISAPPROVAL")).contains("the amendment making plan version 2", "6 South has no champion");

        ensureUser("otherlead", "project-leads");
        assertThat(refusal("otherlead", key, List.of("6 South"), null, null)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refusal("lead", "LC-1999-0001", List.of("6 South"), null, null)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refusal("lead", key, List.of("4 West"), null, null)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("lead", key, null, List.of("7 North"), null)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("lead", key, null, List.of("4 West", "5 East"), null)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("lead", key, null, null, Map.of(MEASURE_TYPE, "rate"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("lead", key, null, null, Map.of(MEASUREMENT_WEEKS, 500))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refusal("lead", key, null, null, Map.of(AIM, "Halve falls on both units within 12 weeks"))).as("no change").isEqualTo(HttpStatus.BAD_REQUEST);
        assertThatThrownBy(() -> requested("lead", key, null, null, Map.of(MEASURE_TYPE, "rate")))
                .hasMessageContaining("An amendment cannot change measureType; it may change changeIdea, aim");
        String planning = started("lead");
        acceptedWithEvidence(planning);
        assertThatThrownBy(() -> requested("lead", planning, List.of("6 South"), null, null)).isInstanceOf(ApiException.class)
                .hasMessageContaining("is not between its approval and its decision");
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).count()).as("a refusal starts nothing").isZero();
    }
}
