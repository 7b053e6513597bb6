package org.learninghealth.cycle.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.evaluation.CycleChartService;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.audit.AuditService;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.portfolio.LeadTimeService;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.portfolio.Stage;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One test per path through patient-review.bpmn and patient-interpretation.bpmn, as the learning cycle calls them. */
class PatientPartnersProcessTest extends CycleSteps {

    /** All that a partner's review task holds: no staff name, no IRB text, nothing of other projects. */
    static final Set<String> REVIEW_VARIABLES = Set.of(PROJECT_KEY, TITLE, PLAIN_SUMMARY, UNITS, AIM, CYCLE_NUMBER);

    @Autowired KnowledgeRepository knowledge;
    @Autowired CycleChartService charts;
    @Autowired JdbcTemplate jdbc;
    @Autowired AuditService audit;
    @Autowired PortfolioService portfolio;
    @Autowired LeadTimeService leadTimes;

    private Object variable(String key, String name) {
        return runtimeService.getVariable(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
                .processDefinitionKey(LearningCycleProcess.KEY).singleResult().getId(), name);
    }

    @Test
    void aPatientFacingPlanGoesToThePartnersBeforeOversightAndTheirViewReachesTheReviewerAndTheRecord() {
        String key = plannedForPatients("lead");
        Task review = task(key, PatientReviewProcess.TASK_REVIEW);
        assertThat(taskService.getIdentityLinksForTask(review.getId())).anyMatch(l -> Roles.PATIENT_PARTNERS.equals(l.getGroupId()));
        assertThat(tasks(key, OversightReviewProcess.TASK_REVIEW_PLAN)).isEmpty();
        assertThat(review.getDueDate()).isEqualTo(date(TODAY.plusDays(10)));
        assertThat(as("partner", () -> taskService.getVariables(review.getId())).keySet()).containsExactlyInAnyOrderElementsOf(REVIEW_VARIABLES);

        partnersReviewed(key, "SUPPORTS_WITH_SUGGESTIONS", null, "Tell families about the rounds at admission.");

        Task oversight = task(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        assertThat(taskService.getVariables(oversight.getId())).containsEntry(PatientReviewProcess.PARTNER_VIEW, "SUPPORTS_WITH_SUGGESTIONS")
                .containsEntry(PatientReviewProcess.PARTNER_COMMENTS, "Tell families about the rounds at admission.")
                .containsEntry(PATIENT_FACING, true).containsKey(PLAIN_SUMMARY);
        approvedAndMeasured(key);

        // the partners say what the results mean for patients while the lead interprets them
        Task partners = task(key, PatientInterpretationProcess.TASK_INTERPRET);
        assertThat(task(key, LearningCycleProcess.TASK_INTERPRET)).isNotNull();
        Map<String, Object> shown = as("partner", () -> taskService.getVariables(partners.getId()));
        assertThat(shown).doesNotContainKeys(PROJECT_LEAD, INTERPRETATION, OVERSIGHT_REVIEWERS, EVALUATION_SUMMARY);
        assertThat((String) shown.get(PLAIN_RESULT)).isEqualTo("We measured: Proportion of patient-days with a fall. Before the change it was 20%;"
                + " after the change it was 7.9%. That is better, and the chart shows it is more than the usual ups and downs."
                + " The goal of 10% was reached.");
        assertThat(as("partner", () -> charts.png(key, 1, null))).isNotEmpty();
        assertThatThrownBy(() -> as("partner", () -> charts.unitsPng(key, 1))).isInstanceOf(ApiException.class);
        interpreted(key);
        assertThat(tasks(key, LearningCycleProcess.TASK_DECIDE)).as("the decision waits for the partners").isEmpty();
        partnersInterpreted(key, "Fewer falls means fewer broken hips; patients also sleep less well with hourly checks.");
        assertThat(taskService.getVariables(task(key, LearningCycleProcess.TASK_DECIDE).getId()))
                .containsEntry(PatientInterpretationProcess.PARTNER_INTERPRETATION, "Fewer falls means fewer broken hips; patients also sleep less well with hourly checks.");
        assertThatThrownBy(() -> as("partner", () -> charts.png(key, 1, null))).as("no task, no chart").isInstanceOf(ApiException.class);

        complete("manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Worked", SHARE_PUBLICLY, true));
        executeJobs(key);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> assertThat(r.partners())
                .contains("support the change, with suggestions", "Tell families about the rounds", "fewer broken hips"));
        assertThat(jdbc.queryForMap("select shared_publicly, plain_summary, plain_result from knowledge_record where project_key = ?", key))
                .containsEntry("SHARED_PUBLICLY", true).containsEntry("PLAIN_SUMMARY", patientFacingPlan().get(PLAIN_SUMMARY))
                .hasEntrySatisfying("PLAIN_RESULT", r -> assertThat(r.toString()).startsWith("We measured: Proportion of patient-days with a fall."));
    }

    @Test
    void concernsGoBackToTheLeadWhoAnswersEachOneBeforeThePlanMovesOn() {
        String key = plannedForPatients("lead");
        assertThat(as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null))).stream()
                .filter(r -> r.projectKey().equals(key)).findFirst().orElseThrow().stages()).containsExactly(Stage.PARTNER_REVIEW.label());
        moveClock(Duration.ofDays(3));
        assertThatThrownBy(() -> partnersReviewed(key, "HAS_CONCERNS", " ", null))
                .hasMessageContaining("Write your concerns, one per line");
        partnersReviewed(key, "HAS_CONCERNS", "Hourly checks will wake patients at night\n\nFamilies are not told why", null);

        Task answer = task(key, PatientReviewProcess.TASK_ANSWER_CONCERNS);
        assertThat(answer.getAssignee()).isEqualTo("lead");
        assertThat(tasks(key, OversightReviewProcess.TASK_REVIEW_PLAN)).isEmpty();
        assertThatThrownBy(() -> concernsAnswered(key, "Explained: night checks are quiet, with a torch", null))
                .hasMessageContaining("The partners raised 2 concerns").hasMessageContaining("(1 answer given)");
        String revised = "A nurse or an aide will look in on you every hour and help you to the toilet; at night they come quietly, with a small light.";
        concernsAnswered(key, "Explained: night checks are quiet, with a torch\nRevised: a leaflet for families at admission", revised);

        Task oversight = task(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        assertThat(taskService.getVariables(oversight.getId())).containsEntry(PatientReviewProcess.PARTNER_VIEW, "HAS_CONCERNS")
                .containsEntry(PatientReviewProcess.CONCERN_ANSWERS, "Explained: night checks are quiet, with a torch\nRevised: a leaflet for families at admission")
                .containsEntry(PLAIN_SUMMARY, revised);
        assertThat(variable(key, PLAIN_SUMMARY)).isEqualTo(revised);
        // the partners' view and the lead's answers in the audit trail, and the review as a stage of its own in the lead times
        assertThat(as("irb", () -> audit.trail(key))).anySatisfy(e -> assertThat(e.recorded())
                .containsEntry(PatientReviewProcess.PARTNER_CONCERNS, "Hourly checks will wake patients at night\n\nFamilies are not told why"))
                .anySatisfy(e -> assertThat(e.recorded()).containsKey(PatientReviewProcess.CONCERN_ANSWERS));
        assertThat(as("manager", () -> leadTimes.leadTimes(TODAY, TODAY.plusDays(30))).stages())
                .anySatisfy(t -> assertThat(t.stage()).isEqualTo(Stage.PARTNER_REVIEW.label()));
    }

    @Test
    void aChangePatientsWillNotNoticeSkipsThePartners() {
        String key = throughEvaluation("lead", 20, 8);
        assertThat(history(key)).doesNotContain(LearningCycleProcess.CALL_PATIENT_REVIEW).contains(LearningCycleProcess.GATEWAY_PATIENT_REVIEW,
                PatientInterpretationProcess.END_NOT_PATIENT_FACING);
        assertThat(tasks(key, PatientInterpretationProcess.TASK_INTERPRET)).isEmpty();
        assertThat(task(key, LearningCycleProcess.TASK_DECIDE)).isNotNull();
    }

    @Test
    void aPatientFacingPlanNeedsItsSummaryInPlainWords() {
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> plan = patientFacingPlan();
        plan.put(PLAIN_SUMMARY, "  ");
        assertThatThrownBy(() -> planned(key, plan)).hasMessageContaining("describe it in plain words");
    }

    @Test
    void anOverduePartnerReviewIsRemindedThenEscalated() {
        String key = plannedForPatients("lead");
        Task review = task(key, PatientReviewProcess.TASK_REVIEW);
        moveClock(Duration.ofDays(13));
        executeJobs(key);
        assertThat(taskService.getTaskComments(review.getId())).extracting(Comment::getFullMessage)
                .anyMatch(m -> m.startsWith("Reminder")).anyMatch(m -> m.startsWith("Escalated"));
        assertThat(task(key, PatientReviewProcess.TASK_REVIEW).getPriority()).isEqualTo(100);
    }

    @Test
    void sharingAFinishedProjectNeedsItsSummaryInPlainWords() {
        String key = throughEvaluation("lead", 20, 8);
        assertThatThrownBy(() -> complete("manager", key, LearningCycleProcess.TASK_DECIDE,
                Map.of(DECISION, "ABANDON", DECISION_RATIONALE, "Too costly", SHARE_PUBLICLY, true)))
                .hasMessageContaining("public learning page");
    }
}
