package org.learninghealth.cycle.sustain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.evidence.LocalKnowledgeSource;
import org.learninghealth.cycle.knowledge.KnowledgeRecord;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.portfolio.LeadTimeService;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.portfolio.ProjectRow;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * After adoption: the monthly sustain review against the adopted phase's frozen limits, and every way monitoring ends.
 * The adopting evaluation (CycleSteps) judged ten weekly proportions of 7, 8, 9, 7, ... in 100 from 2026-06-01 to
 * 2026-08-03 (a p chart with n = 100: centre 79 / 1000 = 7.9%, upper limit 7.9% + 3 &radic;(0.079 &middot; 0.921 / 100) = 16.0%); adoption is on 2026-08-25.
 */
class SustainCycleTest extends CycleSteps {

    /** The first week after the periods the adopting evaluation used. */
    static final LocalDate AFTER_EVALUATION = TODAY.plusWeeks(10);

    @Autowired KnowledgeRepository knowledge;
    @Autowired PortfolioService portfolio;
    @Autowired LeadTimeService leadTimes;
    @Autowired JdbcTemplate jdbc;
    @Autowired LocalKnowledgeSource evidence;

    private Object variable(String key, String name) {
        return runtimeService.getVariable(instance(key), name);
    }

    private String instance(String key) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).processDefinitionKey(LearningCycleProcess.KEY)
                .singleResult().getId();
    }

    private List<Job> reviewTimers(String key) {
        return managementService.createJobQuery().activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).list().stream()
                .filter(j -> runtimeService.createProcessInstanceQuery().processInstanceId(j.getProcessInstanceId()).processInstanceBusinessKey(key).count() == 1)
                .toList();
    }

    private String sustainOutcome(String key) {
        return jdbc.queryForObject("select sustain_outcome from knowledge_record where project_key = ? and cycle_number = 1", String.class, key);
    }

    /** How the project ended, as its closure with the IRB (started by the learning cycle's end event) says. */
    private Object closureEnding(String key) {
        var closure = runtimeService.createProcessInstanceQuery().processDefinitionKey(ClosureProcess.KEY).processInstanceBusinessKey(key).singleResult();
        return runtimeService.getVariable(closure.getId(), ClosureProcess.CLOSURE_ENDING);
    }

    private ProjectRow row(String key) {
        return as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null))).stream()
                .filter(r -> r.projectKey().equals(key)).findFirst().orElseThrow();
    }

    private void slipAnswered(String key, String decision, String reason) {
        complete("manager", key, LearningCycleProcess.TASK_PERFORMANCE_SLIPPED, Map.of(SUSTAIN_DECISION, decision, SUSTAIN_DECISION_REASON, reason));
        executeJobs(key);
    }

    @Test
    void heldForTwelveMonthsTheChangeIsSustainedAndTheKnowledgeRecordSaysSo() {
        String key = adopted("lead", researchPlan());
        assertThat(reviewTimers(key)).singleElement().satisfies(timer ->
                assertThat(timer.getDuedate()).isEqualTo(date(TODAY.plusDays(85).plusMonths(1))));
        assertThat(row(key)).satisfies(r -> assertThat(r.stages()).containsExactly("Sustaining"))
                .satisfies(r -> assertThat(r.decision()).isEqualTo("ADOPT")).satisfies(r -> assertThat(r.monthsSustained()).isZero());

        LocalDate next = AFTER_EVALUATION;
        for (int month = 1; month < 12; month++) {
            next = reported(key, next, 4, 8);
            monthPassed(key);
            assertThat(variable(key, SUSTAIN_VERDICT)).as("month %d: %s", month, history(key)).isEqualTo("continue");
            assertThat(reviewTimers(key)).as("month %d: waits for the next review", month).hasSize(1);
        }
        assertThat((String) variable(key, SUSTAIN_STATUS)).contains("44 periods after 2026-08-03 judged against the adopted phase's frozen p chart",
                "centre 7.9%, limits 0.0% to 16.0%", "mean since 7.8%", "11 of 12 months without a slip");
        assertThat(row(key)).satisfies(r -> assertThat(r.monthsSustained()).isEqualTo(11))
                .satisfies(r -> assertThat(r.variationIcon().code()).isEqualTo("common-cause"))
                .satisfies(r -> assertThat(r.variationIcon().svg()).isEqualTo("/api/evaluation/icons/common-cause.svg"));

        reported(key, next, 4, 8);
        monthPassed(key);
        assertThat(history(key)).contains(LearningCycleProcess.TASK_RECORD_SUSTAIN, LearningCycleProcess.END_SUSTAINED);
        assertThat(reviewTimers(key)).isEmpty();
        KnowledgeRecord record = knowledge.find(key, 1).orElseThrow();
        assertThat(record.decision()).isEqualTo("ADOPT");
        assertThat(record.sustain()).startsWith("Monitored 12 months (2026-08-25 to 2027-09-01): adopted level 7.9% (centre line of the adopted phase)")
                .endsWith("Sustained: no slip for 12 months.");
        assertThat(sustainOutcome(key)).isEqualTo("sustained");
        // the next team's evidence lookup reads how it held up
        assertThat(evidence.search("falls rounding sustained", 50)).filteredOn(i -> i.reference().equals(key + " cycle 1")).singleElement()
                .satisfies(i -> assertThat(i.lessons()).contains("After adoption: Monitored 12 months (2026-08-25 to 2027-09-01)"));
        // approved on the EXPEDITED pathway: the project is now closed with the IRB
        assertThat(closureEnding(key)).isEqualTo("SUSTAINED");
        assertThat(row(key)).satisfies(r -> assertThat(r.status()).isEqualTo("open")).satisfies(r -> assertThat(r.stages()).containsExactly("IRB closure"))
                .satisfies(r -> assertThat(r.decision()).isEqualTo("ADOPT"))
                .satisfies(r -> assertThat(r.sustainOutcome()).isEqualTo("sustained")).satisfies(r -> assertThat(r.monthsSustained()).isEqualTo(12));
    }

    @Test
    void anAcceptedSlipIsNotRaisedAgainAndTheNextSlipStartsANewCycle() {
        String key = adopted("lead");
        LocalDate next = reported(key, AFTER_EVALUATION, 4, 25);   // 24%, 25%, 26%, 24%: above the upper limit of 16.0%
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).isEqualTo("slipped");
        assertThat((String) variable(key, SUSTAIN_SIGNAL)).startsWith("2026-08-10: 24.0% (limits 0.0% to 16.0%, centre 7.9%) beyond a limit; 2026-08-17: 25.0%");
        assertThat(task(key, LearningCycleProcess.TASK_PERFORMANCE_SLIPPED)).isNotNull();
        assertThat(reviewTimers(key)).as("no review while the managers decide").isEmpty();

        assertThatThrownBy(() -> complete("manager", key, LearningCycleProcess.TASK_PERFORMANCE_SLIPPED, Map.of(SUSTAIN_DECISION, "accept")))
                .hasMessageContaining("Say why (sustainDecisionReason)");
        assertThatThrownBy(() -> complete("manager", key, LearningCycleProcess.TASK_PERFORMANCE_SLIPPED,
                Map.of(SUSTAIN_DECISION, "shrug", SUSTAIN_DECISION_REASON, "x"))).hasMessageContaining("one of new-cycle, accept, stop");
        slipAnswered(key, "accept", "Agency staff during the August holidays");
        assertThat(variable(key, SUSTAIN_ACCEPTED_THROUGH)).isEqualTo("2026-08-31");

        next = reported(key, next, 4, 8);
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).as("the accepted weeks are not raised again").isEqualTo("continue");
        assertThat((String) variable(key, SUSTAIN_STATUS)).as("the stretch restarted at the acceptance").contains("mean since 16.3%", "1 of 12 months without a slip");

        reported(key, next, 4, 25);
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).isEqualTo("slipped");
        assertThat((String) variable(key, SUSTAIN_SIGNAL)).startsWith("2026-10-05: 24.0%").doesNotContain("2026-08-");
        slipAnswered(key, "new-cycle", "Rounding lapsed when the champion left");

        assertThat(history(key)).contains(LearningCycleProcess.TASK_RECORD_SUSTAIN, LearningCycleProcess.TASK_CYCLE_AFTER_SLIP);
        assertThat(variable(key, CYCLE_NUMBER)).isEqualTo(2);
        assertThat(variable(key, SUSTAIN_SINCE)).as("cycle 2 starts with no monitoring").isNull();
        assertThat((String) variable(key, PREVIOUS_CYCLES)).contains("slipped while sustained (2026-10-05: 24.0%", "Rounding lapsed when the champion left");
        assertThat(reviewTimers(key)).isEmpty();
        assertThat(knowledge.find(key, 1).orElseThrow().sustain()).startsWith("Monitored 3 months (2026-08-25 to 2026-11-26): adopted level 7.9% (centre line of the adopted phase), 19.1% on average after 2026-08-03")
                .contains("Performance slipped (2026-10-05: 24.0%", "the managers started cycle 2: Rounding lapsed when the champion left.");
        assertThat(sustainOutcome(key)).isEqualTo("new-cycle");
        assertThat(task(key, LearningCycleProcess.TASK_PLAN)).as("cycle 2 plans again: %s", history(key)).isNotNull();
    }

    @Test
    void noNewPeriodsForTwoReviewsAskTheLeadForTheData() {
        String key = adopted("lead");
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).isEqualTo("continue");
        assertThat((String) variable(key, SUSTAIN_STATUS)).contains("no period after 2026-08-03");
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).isEqualTo("overdue");
        var task = task(key, LearningCycleProcess.TASK_SUBMIT_SUSTAIN_DATA);
        assertThat(task.getAssignee()).isEqualTo("lead");
        assertThat(taskService.getIdentityLinksForTask(task.getId())).anyMatch(l -> "data-analysts".equals(l.getGroupId()));

        StringBuilder csv = new StringBuilder("period,numerator,denominator\n");
        for (int w = 0; w < 8; w++) {
            csv.append(AFTER_EVALUATION.plusWeeks(w)).append(',').append(8).append(",100\n");
        }
        complete("lead", key, LearningCycleProcess.TASK_SUBMIT_SUSTAIN_DATA, Map.of(MEASUREMENT_CSV, csv.toString()));
        assertThat(reviewTimers(key)).hasSize(1);
        monthPassed(key);
        assertThat(variable(key, SUSTAIN_VERDICT)).isEqualTo("continue");
        assertThat((String) variable(key, SUSTAIN_STATUS)).contains("8 periods after 2026-08-03");
    }

    @Test
    void stoppedOrWithdrawnWhileMonitoredTheAdoptionStaysOnRecordAndNoTimerIsLeft() {
        String stopped = adopted("lead", researchPlan());
        reported(stopped, AFTER_EVALUATION, 4, 25);
        monthPassed(stopped);
        slipAnswered(stopped, "stop", "The ward closes in December");
        assertThat(history(stopped)).contains(LearningCycleProcess.END_MONITORING_STOPPED);
        assertThat(knowledge.find(stopped, 1).orElseThrow().sustain()).endsWith("Monitoring stopped by the managers: The ward closes in December.");
        assertThat(sustainOutcome(stopped)).isEqualTo("stopped");
        assertThat(closureEnding(stopped)).isEqualTo("MONITORING_STOPPED");

        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(date(TODAY));
        String withdrawn = adopted("lead");
        LocalDate asOf = LocalDate.of(2027, 9, 1);
        var before = as("manager", () -> leadTimes.sustainShare(asOf));
        withdraw("lead", withdrawn, "The unit merges with 5 East");
        executeJobs(withdrawn);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(withdrawn).count()).isZero();
        assertThat(reviewTimers(withdrawn)).isEmpty();
        KnowledgeRecord record = knowledge.find(withdrawn, 1).orElseThrow();
        assertThat(record.decision()).as("the adoption is kept").isEqualTo("ADOPT");
        assertThat(record.sustain()).endsWith("Monitoring ended: the project was withdrawn by lead: The unit merges with 5 East.");
        assertThat(sustainOutcome(withdrawn)).isEqualTo("withdrawn");
        assertThat(history(withdrawn)).as("a QI project has nothing to close with the IRB").doesNotContain(ClosureProcess.START);

        // adopted 2026-08-25, ended the same day: adopted 12 months before 2027-09-01, and no longer counted as sustained
        var after = as("manager", () -> leadTimes.sustainShare(asOf));
        assertThat(after.adoptedBy()).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(after.adopted()).isEqualTo(before.adopted());
        assertThat(after.sustained()).isEqualTo(before.sustained() - 1);
        assertThat(after.share()).isEqualTo((double) after.sustained() / after.adopted());
        assertThatThrownBy(() -> as("lead", () -> leadTimes.sustainShare(asOf))).hasMessageContaining("for managers and administrators");
    }
}
