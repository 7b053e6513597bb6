package org.learninghealth.cycle.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.identity.TasklistFilters.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One project from "Start process" to the adoption decision in Tasklist, in headless Chromium, as each demo user in
 * turn. Jobs (evidence lookup, evaluation, knowledge capture) are run by the test, as the job executor would; the
 * measurement period passes by moving the engine's clock. Screenshots: {@code target/browser/TasklistCycleIT/}.
 */
class TasklistCycleIT extends BrowserSteps {

    @Autowired HistoryService historyService;

    private String newestProjectKey(String title) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .variableValueEquals(TITLE, title).singleResult().getBusinessKey();
    }

    /** Clicks "Complete" and waits until the engine has completed the project's task. */
    private void completes(String key, String taskKey) {
        String id = task(key, taskKey).getId();
        tasklist.complete();
        awaitCompleted(id);
    }

    private void awaitCompleted(String taskId) {
        for (int i = 0; i < 100 && taskService.createTaskQuery().taskId(taskId).count() > 0; i++) {
            sleep(200);
        }
        if (taskService.createTaskQuery().taskId(taskId).count() > 0) {
            throw new AssertionError("Task " + taskId + " was not completed from Tasklist; notifications " + tasklist.notifications()
                    + ", validation " + tasklist.validationMessages() + ", console " + tasklist.consoleErrors() + ", screenshot "
                    + tasklist.screenshot("not-completed") + ", page " + tasklist.pageSource("not-completed"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aProjectFromStartToAdoptionDecision() {
        String title = "Night-time falls on 4 West (browser)";

        // 1 the lead describes the challenge in the start form
        tasklist.login("lead");
        assertThat(tasklist.filters()).contains(MY_TASKS).doesNotContain(OVERSIGHT_REVIEWS, TRIAGE_AND_DECISIONS);
        tasklist.startProcess("Learning cycle");
        tasklist.screenshot("lead-start-form");
        tasklist.type("Title", title)
                .type("Problem", "Falls with injury at night doubled since the spring.")
                .type("Clinical units", "4 West, 5 East")
                .type("Outcome measure", "Patient-days with a fall")
                .select("Kind of measure", "Proportion (numerator / denominator)")
                .choose("Better when the measure goes", "down")
                .type("Definition of the measure", "Patient-days with at least one fall / patient-days, weekly");
        tasklist.screenshot("lead-start-form-filled");
        tasklist.submitStart();
        tasklist.waitForNotification("started");
        String key = newestProjectKey(title);
        assertThat(key).startsWith("LC-2026-");

        // 2 the manager finds it in the role filter and triages it; the decision is required
        tasklist.login("manager");
        assertThat(tasklist.openFilter(TRIAGE_AND_DECISIONS)).anyMatch(name -> name.contains(key));
        tasklist.openTaskFromList(key).claim();
        assertThat(tasklist.formText()).contains(key, title, "Falls with injury at night doubled", "4 West, 5 East");
        tasklist.complete();
        assertThat(tasklist.validationMessages()).as("an empty required decision blocks completion").isNotEmpty();
        tasklist.screenshot("manager-triage-required");
        assertThat(tasks(key, LearningCycleProcess.TASK_TRIAGE)).hasSize(1);
        tasklist.choose("Decision", "Accept: start the project");
        completes(key, LearningCycleProcess.TASK_TRIAGE);
        executeJobs(key);

        // 3 the lead appraises the evidence and plans; a bad aim target shows a validation message
        tasklist.login("lead");
        assertThat(tasklist.openFilter(MY_TASKS)).anyMatch(name -> name.contains(key) && name.startsWith("Appraise"));
        tasklist.openTaskFromList(key);
        assertThat(tasklist.formText()).contains("Evidence", "Hourly rounding to reduce inpatient falls", "demo data");
        tasklist.screenshot("lead-plan-with-evidence");
        // the lead refines the query and looks again; the plan fields are hidden, so nothing else is required yet
        tasklist.type("Evidence query", "hourly rounding falls night").tick("Look up evidence again with this query");
        completes(key, LearningCycleProcess.TASK_PLAN);
        executeJobs(key);
        assertThat(taskService.getVariable(task(key, LearningCycleProcess.TASK_PLAN).getId(), EVIDENCE_QUERY)).isEqualTo("hourly rounding falls night");
        tasklist.openFilter(MY_TASKS);
        tasklist.openTaskFromList(key);
        assertThat(tasklist.formText()).contains("Hourly rounding to reduce inpatient falls");
        tasklist.choose("Evidence that informed this plan", "[demo data] Hourly rounding to reduce inpatient falls (DEMO-2025-0001 cycle 1)");
        tasklist.type("Aim", "Halve night-time falls on both units within 12 weeks")
                .type("Aim target", "1.5")
                .type("Change idea", "Hourly purposeful rounding at night")
                .type("Balancing measure", "Nurse overtime hours")
                .type("Clinical units for the rollout", "4 West, 5 East")
                .type("Measurement period (weeks after go-live)", "12")
                .tick("Aims to improve local practice");
        tasklist.complete();
        assertThat(tasklist.waitForNotification("aim target")).as("a proportion above 1 is refused").contains("fraction from 0 to 1 (0.15 for 15%), was 1.5");
        assertThat(tasks(key, LearningCycleProcess.TASK_PLAN)).hasSize(1);
        tasklist.screenshot("lead-plan-refused");
        tasklist.type("Aim target", "0.1");
        String planTask = task(key, LearningCycleProcess.TASK_PLAN).getId();
        String processInstance = task(key, LearningCycleProcess.TASK_PLAN).getProcessInstanceId();
        tasklist.complete();
        awaitCompleted(planTask);
        assertThat(runtimeService.getVariable(processInstance, EVIDENCE_USED).toString()).isEqualTo("[\"local:DEMO-2025-0001/1\"]");
        executeJobs(key);

        // 4 the lead (still logged in) cannot see the IRB's review; irb approves it from the oversight filter
        assertThat(tasklist.filters()).doesNotContain(OVERSIGHT_REVIEWS);
        assertThat(tasklist.openFilter(MY_TASKS)).noneMatch(name -> name.contains(key));
        tasklist.login("irb");
        assertThat(tasklist.openFilter(OVERSIGHT_REVIEWS)).anyMatch(name -> name.contains(key));
        tasklist.openTaskFromList(key).claim();
        assertThat(tasklist.formText()).contains("Hourly purposeful rounding at night", "QI");
        assertThat(tasklist.formText()).contains("proportion, improvement = decrease", "target 0.1", "measured for 12 weeks");
        tasklist.choose("Your decision", "Approve").type("Conditions of approval", "Report falls with injury monthly.");
        tasklist.screenshot("irb-review");
        completes(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        executeJobs(key);

        // 5 the champion confirms go-live on both units
        tasklist.login("champion");
        List<String> rollouts = tasklist.openFilter(UNIT_ROLLOUTS);
        assertThat(rollouts.stream().filter(name -> name.contains(key))).hasSize(2);
        for (Task goLive : tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)) {
            String unit = (String) taskService.getVariable(goLive.getId(), UNIT);
            tasklist.openFilter(UNIT_ROLLOUTS);
            tasklist.openTaskFromList("Confirm go-live · " + unit + " · " + key).claim();
            assertThat(tasklist.formText()).contains("Confirm go-live on " + unit, "Hourly purposeful rounding at night");
            tasklist.choose("Readiness checklist", "Staff on the unit briefed on the change")
                    .date("Date the change went live on the unit", TODAY)
                    .type("Fidelity notes", "Rounding log on the unit board");
            tasklist.screenshot("champion-go-live-" + unit);
            tasklist.complete();
            awaitCompleted(goLive.getId());
        }
        executeJobs(key);
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName(UnitRolloutProcess.GO_LIVE_DATE).list())
                .extracting(v -> v.getValue().toString()).allMatch(v -> v.startsWith(TODAY.toString()));
        measurementPeriodOver(key, 12);

        // 6 the lead pastes three columns copied from Excel (tab-separated, Windows line ends); a bad line is named
        tasklist.login("lead");
        tasklist.openFilter(MY_TASKS);
        tasklist.openTaskFromList("Submit measurement data");
        assertThat(tasklist.formText()).contains("Nothing stored yet for cycle 1.", "Upload a file or see what is stored");
        tasklist.type("Measurement data", "period,numerator,denominator\n2026-01-05,x,50");
        tasklist.complete();
        assertThat(tasklist.waitForNotification("line 2")).contains("line 2: numerator 'x' is not a number");
        tasklist.screenshot("lead-bad-csv");
        tasklist.paste("Measurement data", weeklyProportions(TODAY, 10, 20, 10, 8).replace(',', '\t').replace("\n", "\r\n"));
        completes(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS);
        executeJobs(key);

        // 7 the lead (still logged in) interprets the evaluation with its control chart
        tasklist.openFilter(MY_TASKS);
        tasklist.openTaskFromList("Interpret the evaluation");
        assertThat(tasklist.formText()).contains("p chart", "improvement", "Recommendation: ADOPT");
        assertThat(tasklist.imageLoaded("/chart.png")).as("the control chart is shown in the form").isTrue();
        tasklist.screenshot("lead-interpret-with-chart");
        tasklist.type("Your interpretation", "Rounding was done on most night shifts.")
                .type("Lessons learned", "Start with the night shift and involve aides.");
        completes(key, LearningCycleProcess.TASK_INTERPRET);

        // 8 the manager decides
        tasklist.login("manager");
        assertThat(tasklist.openFilter(TRIAGE_AND_DECISIONS)).anyMatch(name -> name.contains(key) && name.startsWith("Decide"));
        tasklist.openTaskFromList(key).claim();
        assertThat(tasklist.imageLoaded("/chart.png")).isTrue();
        tasklist.choose("Decision", "Adopt: make the change standard practice").type("Rationale", "Sustained drop on both units.");
        tasklist.screenshot("manager-decision");
        completes(key, LearningCycleProcess.TASK_DECIDE);
        executeJobs(key);

        assertThat(historyService.createHistoricActivityInstanceQuery().activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).unfinished().list())
                .as("the adopted change waits for its first sustain review").anyMatch(a -> runtimeService.createProcessInstanceQuery()
                        .processInstanceId(a.getProcessInstanceId()).processInstanceBusinessKey(key).count() == 1);
        // the browser logs the two refused submissions (aim target, CSV) as failed requests: 400, never 500
        assertThat(tasklist.consoleErrors()).allMatch(error -> error.contains("/submit-form") && error.contains("status of 400"));
    }
}
