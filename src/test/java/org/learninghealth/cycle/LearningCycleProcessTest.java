package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.measurement.MeasurementDataException;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;

/** One test per path through learning-cycle.bpmn. */
class LearningCycleProcessTest extends CycleSteps {

    @Autowired KnowledgeRepository knowledge;
    @Autowired MeasurementRepository measurements;
    @Autowired org.learninghealth.cycle.evaluation.CycleChartService charts;

    @Test
    void acceptedChallengeRunsThroughEveryStageToAdoption() {
        String key = throughEvaluation("lead", 20, 8);
        assertThat(key).matches("LC-2026-\\d{4}");
        assertThat(variable(key, RECOMMENDATION)).isEqualTo("ADOPT");
        assertThat((String) variable(key, EVALUATION_SUMMARY)).contains("baseline 20.0%", "intervention 7.9%", "Aim (<= 10.0%) met");
        decided(key, "ADOPT");
        assertThat(runtimeService.createExecutionQuery().processInstanceBusinessKey(key).activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).count()).isEqualTo(1);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> {
            assertThat(r.decision()).isEqualTo("ADOPT");
            assertThat(r.lessons()).contains("Involve aides");
            assertThat(r.demo()).isFalse();
        });
    }

    @Test
    void tasksCarryTheProjectKeySoALeadCanTellProjectsApart() {
        String key = started("lead");
        Task triage = task(key, LearningCycleProcess.TASK_TRIAGE);
        assertThat(triage.getName()).contains(key);
        assertThat(triage.getDescription()).contains(key, "Falls on the medical wards");
        assertThat(triage.getDueDate()).isEqualTo(date(TODAY.plusDays(5)));
    }

    @Test
    void declinedChallengeEndsWithoutAProject() {
        String key = started("lead");
        triage(key, "DECLINE", "Already covered by the falls collaborative");
        assertThat(ended(key).getEndActivityId()).isEqualTo(LearningCycleProcess.END_DECLINED);
        assertThat(knowledge.find(key, 1)).isEmpty();
    }

    @Test
    void clarificationLoopsBackToTheLeadAndThenToTriage() {
        String key = started("lead");
        triage(key, "CLARIFY", "Which shifts are affected?");
        Task clarify = task(key, LearningCycleProcess.TASK_CLARIFY);
        assertThat(clarify.getAssignee()).isEqualTo("lead");
        complete("lead", key, LearningCycleProcess.TASK_CLARIFY,
                Map.of(CLARIFICATION_RESPONSE, "Nights, 23:00 to 05:00", TITLE, "Night-time falls on the medical wards"));
        assertThat(task(key, LearningCycleProcess.TASK_TRIAGE)).isNotNull();
        assertThat(variable(key, TITLE)).isEqualTo("Night-time falls on the medical wards");
        acceptedWithEvidence(key);
        assertThat(task(key, LearningCycleProcess.TASK_PLAN).getAssignee()).isEqualTo("lead");
    }

    @Test
    void modificationsRequiredLoopsBackToPlanningWithTheReviewersComments() {
        String key = started("lead");
        acceptedWithEvidence(key);
        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "MODIFICATIONS_REQUIRED", "Add a consent script for families");
        assertThat(task(key, LearningCycleProcess.TASK_PLAN)).isNotNull();
        assertThat((String) variable(key, OVERSIGHT_COMMENTS)).contains("Add a consent script");
        planned(key, plan());
        reviewed("irb2", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).isEmpty();
        executeJobs(key);
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).hasSize(2);
    }

    @Test
    void aPlanWithUnansweredOversightQuestionsOrOutOfRangeNumbersIsRefused() {
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> incomplete = plan();
        incomplete.remove(RANDOMIZES);
        incomplete.put(AIM_TARGET, 15);
        incomplete.put(MEASUREMENT_WEEKS, 0);
        assertThatThrownBy(() -> planned(key, incomplete))
                .hasMessageContaining("unanswered: randomizes")
                .hasMessageContaining("fraction from 0 to 1")
                .hasMessageContaining("whole number of weeks from 1 to 104");
        assertThat(task(key, LearningCycleProcess.TASK_PLAN)).isNotNull();
    }

    @Test
    void disapprovalEndsTheProjectAndStillCapturesWhatWasLearned() {
        String key = started("lead");
        acceptedWithEvidence(key);
        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "DISAPPROVE", "The change withholds a standard assessment");
        executeJobs(key);
        assertThat(ended(key).getEndActivityId()).isEqualTo(LearningCycleProcess.END_DISAPPROVED);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> {
            assertThat(r.decision()).isEqualTo("DISAPPROVED");
            assertThat(r.rationale()).contains("withholds a standard assessment");
        });
    }

    @Test
    void rolloutRunsOncePerUnitInParallel() {
        String key = approved("lead");
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE))
                .extracting(t -> taskService.getVariable(t.getId(), UNIT)).containsExactlyInAnyOrder("4 West", "5 East");
    }

    @Test
    void adaptLoopsBackToPlanningWithNextCycleNumber() {
        String key = throughEvaluation("lead", 20, 17);
        assertThat(variable(key, RECOMMENDATION)).isEqualTo("ADAPT");
        decided(key, "ADAPT");
        assertThat(task(key, LearningCycleProcess.TASK_PLAN)).isNotNull();
        assertThat(variable(key, CYCLE_NUMBER)).isEqualTo(2);
        assertThat(variable(key, DECISION)).isNull();
        assertThat((String) variable(key, PREVIOUS_CYCLES)).startsWith("Cycle 1: ADAPT");
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> assertThat(r.decision()).isEqualTo("ADAPT"));

        planned(key, plan());
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        java.time.LocalDate cycle2GoLive = TODAY.plusWeeks(12).plusDays(1);
        rolledOut(key, cycle2GoLive);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(cycle2GoLive, 10, 20, 10, 8), false);
        interpreted(key);
        decided(key, "ADOPT");
        assertThat(runtimeService.createExecutionQuery().processInstanceBusinessKey(key).activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).count()).isEqualTo(1);
        assertThat(knowledge.find(key, 2)).hasValueSatisfying(r -> assertThat(r.decision()).isEqualTo("ADOPT"));

        // the whole story: cycle 1's 20 periods (to 2026-08-03: 200 in 1,000 before its go-live, 169 after), then cycle 2's
        // three baseline weeks after them (19, 21 and 20 in 100) and its 10 weeks from its go-live (79 in 1,000); a phase
        // from each go-live, centre lines hand-computed
        org.learninghealth.cycle.evaluation.ControlChart story = as("lead", () -> charts.story(key));
        assertThat(story.points()).hasSize(33);
        assertThat(story.phases()).extracting(p -> p.start()).containsExactly(0, 10, 23);
        assertThat(story.phases().stream().mapToDouble(p -> p.centerLine()).toArray())
                .containsExactly(new double[] {200 / 1000.0, (169 + 60) / 1300.0, 79 / 1000.0}, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(story.points().get(23).period()).isEqualTo(cycle2GoLive);
    }

    @Test
    void aPlanMayChooseMakingDataCountAndTheEvaluationCarriesItsIcons() {
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> plan = new HashMap<>(plan());
        plan.put(SPC_RULES, "western-electric");
        assertThatThrownBy(() -> planned(key, plan)).hasMessageContaining("Unknown rule set 'western-electric'");
        plan.put(SPC_RULES, "nhs-mdc");
        planned(key, plan);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 20, 10, 8), false);

        assertThat(variable(key, CHART_TYPE)).isEqualTo("xmr");
        assertThat(variable(key, IMPROVEMENT_SIGNAL)).as("the intervention lies below the baseline's lower limit").isEqualTo(true);
        assertThat(variable(key, VARIATION_ICON)).as("the last point against its own phase").isEqualTo("common-cause");
        assertThat(variable(key, ASSURANCE_ICON)).as("the aim (10%) lies between the intervention's limits").isEqualTo("hit-and-miss");
        assertThat((String) variable(key, EVALUATION_SUMMARY)).contains("XmR chart (Making Data Count)", "2 phases", "Rules: Making Data Count");
    }

    @Test
    void abandonEndsTheProjectWithAKnowledgeRecord() {
        String key = throughEvaluation("lead", 20, 22);
        assertThat(variable(key, IMPROVED)).isEqualTo(false);
        assertThat(variable(key, RECOMMENDATION)).isEqualTo("ABANDON");
        decided(key, "ABANDON");
        assertThat(ended(key).getEndActivityId()).isEqualTo(LearningCycleProcess.END_ABANDONED);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> assertThat(r.decision()).isEqualTo("ABANDON"));
    }

    @Test
    void insufficientDataAsksTheLeadForMoreAndTheEvaluationRunsAgain() {
        String key = waitingForMeasurements("lead");
        measurementsSubmitted(key, weeklyProportions(TODAY, 3, 20, 10, 8), false);

        assertThat(variable(key, DATA_SUFFICIENT)).isEqualTo(false);
        assertThat((String) variable(key, DATA_SHORTFALL)).contains("3 baseline periods", "at least 8");
        assertThat(task(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS)).isNotNull();

        String earlierWeeks = "period,numerator,denominator\n" + weeklyProportions(TODAY.minusWeeks(3), 7, 20, 0, 0)
                .lines().skip(1).reduce("", (a, b) -> a + b + "\n");
        measurementsSubmitted(key, earlierWeeks, false);
        assertThat(variable(key, DATA_SUFFICIENT)).isEqualTo(true);
        assertThat(variable(key, BASELINE_PERIODS)).isEqualTo(10);
        assertThat(task(key, LearningCycleProcess.TASK_INTERPRET)).isNotNull();
    }

    @Test
    void aBadCsvLineRefusesTheSubmissionAndKeepsWhatWasStored() {
        String key = waitingForMeasurements("lead");
        measurementsSubmitted(key, weeklyProportions(TODAY, 3, 20, 3, 8), false);
        assertThat(measurements.series(key, 1, org.learninghealth.cycle.measurement.MeasureType.PROPORTION)).hasSize(6);

        String bad = "period,numerator,denominator\n2026-01-05,12,50\n2026-01-12,60,50\n";
        Map<String, Object> v = new HashMap<>();
        v.put(MEASUREMENT_CSV, bad);
        assertThatThrownBy(() -> complete("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, v))
                .hasRootCauseInstanceOf(MeasurementDataException.class)
                .hasMessageContaining("line 3: numerator 60 is larger than denominator 50");
        assertThat(measurements.series(key, 1, org.learninghealth.cycle.measurement.MeasureType.PROPORTION)).hasSize(6);
        assertThat(task(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS)).isNotNull();
    }

    @Test
    void aSafetyEventIsReviewedWhileTheProjectContinues() {
        String key = approved("lead");
        reportSafetyEvent(key, "A patient fell while the aide was logging the round");
        Task review = task(key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT);
        assertThat(taskService.getVariable(review.getId(), SAFETY_EVENT_DESCRIPTION)).asString().contains("aide was logging");
        complete("irb", key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_DECISION, "CONTINUE", SAFETY_CLASSIFICATION, "NOT_UNANTICIPATED", SAFETY_REVIEW_NOTES, "Unrelated to the change"));
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).hasSize(2);
        rolledOut(key, TODAY);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isEqualTo(1);
    }

    @Test
    void haltingForSafetyDuringRolloutStopsEveryRolloutAndCapturesKnowledge() {
        String key = approved("lead");
        Task oneUnit = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).get(0);
        completeTask("champion", oneUnit, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()));
        reportSafetyEvent(key, "Two patients fell during rounds on 4 West");
        complete("irb", key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_DECISION, "HALT", SAFETY_CLASSIFICATION, "UNANTICIPATED_PROBLEM", SAFETY_REVIEW_NOTES, "Rounds cause unsupervised transfers"));
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertEndedAt(key, LearningCycleProcess.END_HALTED);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> {
            assertThat(r.decision()).isEqualTo("HALTED");
            assertThat(r.rationale()).contains("unsupervised transfers");
        });
    }

    @Test
    void withdrawalEndsTheProjectAsWithdrawn() {
        String key = started("lead");
        acceptedWithEvidence(key);
        withdraw("lead", key, "The unit is closing for renovation");
        executeJobs(key);
        assertEndedAt(key, LearningCycleProcess.END_WITHDRAWN);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> {
            assertThat(r.decision()).isEqualTo("WITHDRAWN");
            assertThat(r.rationale()).contains("renovation");
        });
    }

    @Test
    void anOverdueTriageIsRemindedThenEscalated() {
        String key = started("lead");
        Task triage = task(key, LearningCycleProcess.TASK_TRIAGE);
        moveClock(Duration.ofDays(4).plusHours(1));
        executeJobs(key);
        assertThat(taskService.createTaskQuery().taskId(triage.getId()).singleResult().getPriority()).isEqualTo(75);
        assertThat(taskService.getTaskComments(triage.getId())).extracting(Comment::getFullMessage).anyMatch(m -> m.startsWith("Reminder"));
        moveClock(Duration.ofDays(3));
        executeJobs(key);
        assertThat(taskService.createTaskQuery().taskId(triage.getId()).singleResult().getPriority()).isEqualTo(100);
        assertThat(taskService.getTaskComments(triage.getId())).extracting(Comment::getFullMessage).anyMatch(m -> m.startsWith("Escalated"));
        assertThat(task(key, LearningCycleProcess.TASK_TRIAGE).getId()).isEqualTo(triage.getId());
    }

    @Test
    void anOverdueAdoptionDecisionIsRemindedThenEscalated() {
        String key = throughEvaluation("lead", 20, 8);
        Task decision = task(key, LearningCycleProcess.TASK_DECIDE);
        moveClock(Duration.ofDays(10));
        executeJobs(key);
        assertThat(taskService.getTaskComments(decision.getId())).extracting(Comment::getFullMessage)
                .anyMatch(m -> m.startsWith("Reminder")).anyMatch(m -> m.startsWith("Escalated"));
        assertThat(task(key, LearningCycleProcess.TASK_DECIDE).getPriority()).isEqualTo(100);
    }

    @Test
    void nobodyTriagesOrDecidesOnAProjectTheyLead() {
        String key = started("managerlead");
        Task triage = task(key, LearningCycleProcess.TASK_TRIAGE);
        assertThatThrownBy(() -> completeTask("managerlead", triage, Map.of(TRIAGE_DECISION, "ACCEPT")))
                .hasRootCauseInstanceOf(AuthorizationException.class)
                .hasMessageContaining("Separation of duties: managerlead leads project " + key);
        acceptedWithEvidence(key);
        assertThat(task(key, LearningCycleProcess.TASK_PLAN).getAssignee()).isEqualTo("managerlead");
    }

    private void assertEndedAt(String key, String endEvent) {
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(ended(key).getId())
                .activityId(endEvent).finished().count()).isEqualTo(1);
    }

    private Object variable(String key, String name) {
        return runtimeService.getVariable(root(key), name);
    }

    private String root(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key)
                .singleResult().getId();
    }

    private HistoricProcessInstance ended(String key) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(key).singleResult();
    }
}
