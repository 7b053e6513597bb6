package org.learninghealth.cycle.closure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.closure.ClosureProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.audit.AuditService;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.portfolio.ProjectRow;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code closure.bpmn}: every ending of a project the IRB approved on a pathway other than QI closes it with the IRB
 * (the report pre-filled from the cycle, the acknowledgement by a reviewer who does not lead it, the letter); a QI
 * project or one the IRB never approved just ends. Sustained and stopped monitoring are shown in SustainCycleTest.
 */
class ClosureProcessTest extends CycleSteps {

    @Autowired AuditService audit;
    @Autowired PortfolioService portfolio;

    private ProcessInstance closure(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).singleResult();
    }

    private Object closureVariable(String key, String name) {
        return runtimeService.getVariable(closure(key).getId(), name);
    }

    private ProjectRow row(String key) {
        return as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null))).stream()
                .filter(r -> r.projectKey().equals(key)).findFirst().orElseThrow();
    }

    private Map<String, Object> report(boolean activitiesEnded) {
        Map<String, Object> v = new HashMap<>();
        v.put(CLOSURE_SUMMARY, "Hourly rounding was tried on 4 West and 5 East; the project was withdrawn before go-live.");
        v.put(CLOSURE_PROBLEMS, "None");
        v.put(CLOSURE_DATA, "Weekly counts without identifiers on the QI share, kept 6 years; the audit log of names was destroyed.");
        v.put(CLOSURE_ACTIVITIES_ENDED, activitiesEnded);
        return v;
    }

    private void answered(String reviewer, String key, String answer, String comments) {
        Map<String, Object> v = new HashMap<>();
        v.put(CLOSURE_DECISION, answer);
        v.put(CLOSURE_COMMENTS, comments);
        complete(reviewer, key, TASK_ACKNOWLEDGE, v);
        executeJobs(key);
    }


    @Test
    void aWithdrawnResearchProjectIsReportedAcknowledgedByAnotherReviewerAndClosedWithALetter() throws IOException {
        String key = approved("irblead", researchPlan());
        withdraw("irblead", key, "The wards merge in July");
        executeJobs(key);

        assertThat(history(key)).contains(LearningCycleProcess.END_WITHDRAWN, START);
        var report = task(key, TASK_SUBMIT_REPORT);
        assertThat(report.getAssignee()).isEqualTo("irblead");
        assertThat(closureVariable(key, CLOSURE_ENDING)).isEqualTo("WITHDRAWN");
        assertThat((String) closureVariable(key, CLOSURE_SUMMARY)).contains("Ended: withdrawn on " + TODAY,
                "Pathway: EXPEDITED · cycles run: 1 · units: 4 West, 5 East", "Aim: Halve falls", "Change: Hourly rounding by nurses and aides",
                "Withdrawn by irblead: The wards merge in July");
        assertThat(closureVariable(key, CLOSURE_PROBLEMS)).isEqualTo("None reported in Learning Cycle.");
        assertThat(row(key)).satisfies(r -> assertThat(r.status()).isEqualTo("open")).satisfies(r -> assertThat(r.stages()).containsExactly("IRB closure"))
                .satisfies(r -> assertThat(r.waitingOn()).containsExactly("irblead")).satisfies(r -> assertThat(r.decision()).isEqualTo("WITHDRAWN"));

        assertThatThrownBy(() -> complete("irblead", key, TASK_SUBMIT_REPORT, report(false)))
                .hasMessageContaining("Confirm that all project activity on the units has ended");
        complete("irblead", key, TASK_SUBMIT_REPORT, report(true));

        // the lead is an IRB reviewer too, but not of their own project
        assertThatThrownBy(() -> answered("irblead", key, "ACKNOWLEDGE", null)).hasMessageContaining("Separation of duties: irblead leads project " + key);
        assertThatThrownBy(() -> answered("irb", key, "RETURN", " ")).hasMessageContaining("Say what the report is missing");
        answered("irb", key, "RETURN", "Say how many patients were asked for consent before the withdrawal.");
        assertThat(task(key, TASK_SUBMIT_REPORT).getAssignee()).isEqualTo("irblead");
        assertThat(closureVariable(key, CLOSURE_COMMENTS)).isEqualTo("Say how many patients were asked for consent before the withdrawal.");
        Map<String, Object> completed = report(true);
        completed.put(CLOSURE_SUMMARY, "Hourly rounding was planned on 4 West and 5 East; no patient was approached before the withdrawal.");
        complete("irblead", key, TASK_SUBMIT_REPORT, completed);
        answered("irb", key, "ACKNOWLEDGE", "Thank you; the records are complete.");

        assertThat(closure(key)).isNull();
        assertThat(history(key)).contains(TASK_ISSUE_LETTER, END_CLOSED);
        assertThat(letterText(key, "CLOSURE_ACKNOWLEDGEMENT")).contains("Closure acknowledged", key + " · cycle 1", "Title Falls on the medical wards", "Project lead irblead",
                "Subject of the review the closure report", "Pathway EXPEDITED", "Determination CLOSURE ACKNOWLEDGED", "Reviewer(s) irb", "Date " + TODAY,
                "ended withdrawn on " + TODAY + ", and acknowledges that the project is closed", "no patient was approached before the withdrawal",
                "kept 6 years", "Thank you; the records are complete.", "46.115(b)");
        List<AuditService.Entry> trail = as("irb", () -> audit.trail(key));
        assertThat(trail).extracting(AuditService.Entry::step).containsSubsequence("Submit the closure report", "Acknowledge the closure",
                "Submit the closure report", "Acknowledge the closure", "Letter issued");
        assertThat(trail).filteredOn(e -> e.step().equals("Acknowledge the closure")).last()
                .satisfies(e -> assertThat(e.by()).isEqualTo("irb")).satisfies(e -> assertThat(e.recorded()).containsEntry(CLOSURE_DECISION, "ACKNOWLEDGE"));
        assertThat(trail).filteredOn(e -> e.step().equals("Letter issued")).last()
                .satisfies(e -> assertThat(e.recorded().get("letter")).isEqualTo("Closure acknowledged · " + key + " closure"));
        assertThat(row(key)).satisfies(r -> assertThat(r.status()).isEqualTo("ended")).satisfies(r -> assertThat(r.decision()).isEqualTo("WITHDRAWN"));
    }

    @Test
    void abandonedTerminatedAndExemptProjectsAreClosedButQiAndDisapprovedOnesJustEnd() {
        String abandoned = throughEvaluation("lead", researchPlan(), 20, 19);
        decided(abandoned, "ABANDON");
        assertThat(closureVariable(abandoned, CLOSURE_ENDING)).isEqualTo("ABANDONED");
        assertThat((String) closureVariable(abandoned, CLOSURE_SUMMARY)).contains("Decision: ABANDON: Decided on the evaluation: ABANDON",
                "Measure: Proportion of patient-days with a fall", "Last evaluation: ");

        String terminated = approved("lead", researchPlan());
        rolledOut(terminated, TODAY);
        reportSafetyEvent(terminated, "Two patients fell during rounds on 4 West");
        complete("irb", terminated, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT,
                Map.of(SAFETY_DECISION, "HALT", SAFETY_CLASSIFICATION, "UNANTICIPATED_PROBLEM", SAFETY_REVIEW_NOTES, "Rounds cause unsupervised transfers"));
        executeJobs(terminated);
        assertThat(closureVariable(terminated, CLOSURE_ENDING)).isEqualTo("TERMINATED");
        assertThat((String) closureVariable(terminated, CLOSURE_SUMMARY)).contains("Ended: terminated by the IRB after a reported safety event",
                "IRB review of the safety event: Rounds cause unsupervised transfers");
        assertThat(closureVariable(terminated, CLOSURE_PROBLEMS)).isEqualTo("1 safety event(s) reported and reviewed by the IRB (see the audit trail).");

        Map<String, Object> exemptPlan = plan();
        exemptPlan.put(GENERALIZABLE_KNOWLEDGE, true);
        String exempt = approved("lead", exemptPlan);
        withdraw("lead", exempt, "No longer needed");
        executeJobs(exempt);
        assertThat(closureVariable(exempt, OVERSIGHT_PATHWAY)).isEqualTo("EXEMPT");
        assertThat(task(exempt, TASK_SUBMIT_REPORT)).isNotNull();

        String qi = approved("lead");
        withdraw("lead", qi, "No longer needed");
        executeJobs(qi);
        String disapproved = started("lead");
        acceptedWithEvidence(disapproved);
        planned(disapproved, exemptPlan);
        reviewed("irb", disapproved, OversightReviewProcess.TASK_REVIEW_PLAN, "DISAPPROVE", "Consent is missing");
        executeJobs(disapproved);
        for (String key : List.of(qi, disapproved)) {
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).as("%s: %s", key, history(key)).isZero();
            assertThat(history(key)).doesNotContain(START);
        }
    }
}
