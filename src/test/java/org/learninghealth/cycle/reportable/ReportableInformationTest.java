package org.learninghealth.cycle.reportable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.project.LearningCycleService;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reportable new information through the learning cycle's review: the report due 5 business days after discovery
 * (the shipped holiday list has Memorial Day, 2026-05-25), each classification and action — no action, modifications
 * (an amendment opens), suspend (every go-live held until an IRB reviewer resumes or terminates), terminate (45 CFR
 * 46.113) — and their letters read back from the PDF.
 */
class ReportableInformationTest extends CycleSteps {

    @Autowired PortfolioService portfolio;
    @Autowired KnowledgeRepository knowledge;

    private LearningCycleService.Report report(String key, String discovered) {
        return as("champion", () -> cycles.reportSafetyEvent(key, "Two patients fell while the aide logged the round", "serious", discovered));
    }

    private void reviewed(String key, String classification, String decision, String reasons) {
        Map<String, Object> v = new HashMap<>();
        v.put(SAFETY_CLASSIFICATION, classification);
        v.put(SAFETY_DECISION, decision);
        v.put(SAFETY_REVIEW_NOTES, reasons);
        complete("irb", key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, v);
        executeJobs(key);
    }

    private void suspensionDecided(String key, String decision, String reason) {
        complete("irb2", key, SuspensionProcess.TASK_DECIDE, Map.of(SuspensionProcess.SUSPENSION_DECISION, decision, SuspensionProcess.SUSPENSION_REASON, reason));
        executeJobs(key);
    }


    private List<String> stages(String key) {
        return as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null))).stream()
                .filter(r -> r.projectKey().equals(key)).findFirst().orElseThrow().stages();
    }

    @Test
    void aReportIsDueFiveBusinessDaysAfterDiscoveryAcrossAWeekendAndAHolidayAndALateOneIsFlagged() {
        String key = approved("lead");
        // discovered Friday 2026-05-22: Memorial Day and a weekend later, due Monday 2026-06-01, today: in time
        assertThat(report(key, "2026-05-22")).isEqualTo(new LearningCycleService.Report(TODAY.minusDays(10), TODAY, false));
        // discovered Thursday 2026-05-21: due Friday 2026-05-29, reported Monday: late, and the reviewer's form says so
        assertThat(report(key, "2026-05-21")).satisfies(r -> assertThat(r.due()).isEqualTo(TODAY.minusDays(3))).satisfies(r -> assertThat(r.late()).isTrue());
        Task late = tasks(key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT).stream()
                .filter(t -> "2026-05-21".equals(taskService.getVariable(t.getId(), SAFETY_EVENT_DISCOVERED))).findFirst().orElseThrow();
        assertThat(taskService.getVariable(late.getId(), SAFETY_EVENT_LATE)).isEqualTo(true);
        assertThat(taskService.getVariable(late.getId(), SAFETY_EVENT_REPORT_DUE)).isEqualTo("2026-05-29");
        assertThatThrownBy(() -> report(key, "next week")).isInstanceOf(ApiException.class).hasMessageContaining("like 2026-06-01, not 'next week'");
        assertThatThrownBy(() -> report(key, TODAY.plusDays(1).toString())).hasMessageContaining("after today");

        // no action on the first (classification required), the project goes on
        assertThatThrownBy(() -> completeTask("irb", late, Map.of(SAFETY_DECISION, "CONTINUE", SAFETY_REVIEW_NOTES, "Known risk")))
                .hasMessageContaining("Classify the information");
        for (Task task : tasks(key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT)) {
            completeTask("irb", task, Map.of(SAFETY_CLASSIFICATION, "NOT_UNANTICIPATED", SAFETY_DECISION, "CONTINUE", SAFETY_REVIEW_NOTES,
                    "Falls are an expected risk of this population"));
        }
        assertThat(history(key)).contains(LearningCycleProcess.END_SAFETY_REVIEWED);
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).hasSize(2);
    }

    @Test
    void aSuspensionHoldsEveryGoLiveUntilAReviewerResumesItAndASecondOneEndsInTermination() throws IOException {
        String key = approved("lead");
        report(key, TODAY.toString());
        reviewed(key, "UNANTICIPATED_PROBLEM", "SUSPEND", "Rounds cause unsupervised transfers at night");
        assertThat(stages(key)).contains("Suspended by the IRB");
        Task goLive = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).get(0);
        Object unit = taskService.getVariable(goLive.getId(), UNIT);
        assertThatThrownBy(() -> completeTask("champion", goLive, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString())))
                .hasMessageContaining("The go-live on " + unit + " is refused: the IRB suspended " + key + " on " + TODAY
                        + " (Rounds cause unsupervised transfers at night). Every rollout and go-live is held until an IRB reviewer resumes the project.");
        assertThat(letterText(key, "SUSPENSION")).contains("Suspension of IRB approval", "Determination APPROVAL SUSPENDED", "Reviewer(s) irb",
                "suspends its approval", "Two patients fell while the aide logged the round", "Discovered " + TODAY,
                "an unanticipated problem involving risks to participants or others", "Rounds cause unsupervised transfers at night", "46.113");

        assertThatThrownBy(() -> complete("irb2", key, SuspensionProcess.TASK_DECIDE, Map.of(SuspensionProcess.SUSPENSION_DECISION, "RESUME")))
                .hasMessageContaining("Give the reason");
        suspensionDecided(key, "RESUME", "Rounds now in pairs at night");
        assertThat(stages(key)).doesNotContain("Suspended by the IRB");
        completeTask("champion", goLive, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()));

        report(key, TODAY.toString());
        reviewed(key, "CONTINUING_NONCOMPLIANCE", "SUSPEND", "Rounds skipped again");
        suspensionDecided(key, "TERMINATE", "Third fall; the change is not done as approved");
        assertThat(history(key)).contains(LearningCycleProcess.END_HALTED, LearningCycleProcess.TASK_TERMINATION_LETTER);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> assertThat(r.decision()).isEqualTo("HALTED"));
        assertThat(letterText(key, "TERMINATION")).contains("Termination of IRB approval", "Determination APPROVAL TERMINATED", "Reviewer(s) irb2",
                "terminates its approval", "Third fall; the change is not done as approved", "46.113");
    }

    @Test
    void terminatingAtOnceHaltsTheProjectWithItsLetterAndRequiredModificationsOpenAnAmendment() throws IOException {
        String terminated = approved("lead");
        report(terminated, TODAY.toString());
        reviewed(terminated, "SERIOUS_NONCOMPLIANCE", "HALT", "Rounding done without the approved consent script");
        assertThat(history(terminated)).contains(LearningCycleProcess.END_HALTED);
        // (the PDF breaks the line after "non-")
        assertThat(letterText(terminated, "TERMINATION").replace("non- ", "non-")).contains("classified it as serious non-compliance", "Reviewer(s) irb",
                "without the approved consent script");

        String amended = approved("lead");
        report(amended, TODAY.toString());
        reviewed(amended, "UNANTICIPATED_PROBLEM", "MODIFICATIONS_REQUIRED", "Add bed alarms for patients at high risk");
        Task describe = task(amended, AmendmentProcess.TASK_DESCRIBE);
        assertThat(describe.getAssignee()).isEqualTo("lead");
        assertThat((String) taskService.getVariable(describe.getId(), AmendmentProcess.AMENDMENT_REQUIRED))
                .isEqualTo("Required by irb after reportable new information: Add bed alarms for patients at high risk");
        complete("lead", amended, AmendmentProcess.TASK_DESCRIBE, Map.of(AmendmentProcess.AMENDMENT_SUMMARY, "Bed alarms for patients at high risk",
                AmendmentProcess.formField(CHANGE_IDEA), "Hourly rounding and bed alarms for patients at high risk"));
        assertThat(tasks(amended, org.learninghealth.cycle.oversight.OversightReviewProcess.TASK_REVIEW_PLAN)).as("reviewed like a plan").hasSize(1);
    }
}
