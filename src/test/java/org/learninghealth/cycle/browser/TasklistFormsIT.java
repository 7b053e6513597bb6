package org.learninghealth.cycle.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.continuingreview.ContinuingReviewProcess;
import org.learninghealth.cycle.identity.Roles;

/**
 * Opens every form of every process once in Tasklist, as a user who may work it, and fails on a form that does not
 * render, on an error in the browser console, or on template text left unfilled. Screenshots:
 * {@code target/browser/TasklistFormsIT/}.
 */
class TasklistFormsIT extends BrowserSteps {

    static final Map<String, String> DEMO_USER = Map.of(Roles.PROJECT_LEADS, "lead", Roles.MANAGERS, "manager",
            Roles.IRB_REVIEWERS, "irb", Roles.UNIT_CHAMPIONS, "champion", Roles.PATIENT_PARTNERS, "partner");

    static Set<String> formIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path file : files.toList()) {
                ids.add(new ObjectMapper().readTree(file.toFile()).get("id").asText());
            }
        }
        return ids;
    }

    /** Projects standing at every kind of task. */
    private void projectsAtEveryTask() {
        triage(started("lead"), "CLARIFY", "Which shifts?");                         // clarify-challenge
        started("lead");                                                            // triage-challenge
        acceptedWithEvidence(started("lead"));                                      // plan-change
        approved("lead");                                                           // confirm-go-live
        String expedited = started("lead");
        acceptedWithEvidence(expedited);
        planned(expedited, researchPlan());                                              // expedited-review
        String fullBoard = started("lead");
        acceptedWithEvidence(fullBoard);
        Map<String, Object> risky = plan();
        risky.put(MORE_THAN_MINIMAL_RISK, true);
        planned(fullBoard, risky);                                                  // full-board-review
        String qi = started("lead");
        acceptedWithEvidence(qi);
        planned(qi, plan());                                                        // oversight-review
        String measured = waitingForMeasurements("lead");                           // submit-measurements
        reportSafetyEvent(measured, "A patient fell during a rounding gap");        // review-safety-event
        String evaluated = waitingForMeasurements("lead");
        measurementsSubmitted(evaluated, weeklyProportions(TODAY, 10, 20, 10, 8), false); // interpret-evaluation
        throughEvaluation("lead", 20, 8);                                           // decide-adoption
        String slipped = adopted("lead");
        reported(slipped, TODAY.plusWeeks(10), 4, 25);
        monthPassed(slipped);                                                       // performance-slipped
        ClockUtil.setCurrentTime(date(TODAY));
        String quiet = adopted("lead");
        monthPassed(quiet);
        monthPassed(quiet);                                                         // submit-sustain-data
        ClockUtil.setCurrentTime(date(TODAY));
        plannedForPatients("lead");                                                 // patient-review
        String concerned = plannedForPatients("lead");
        partnersReviewed(concerned, "HAS_CONCERNS", "Families are not told why", null); // answer-partner-concerns
        String results = plannedForPatients("lead");
        partnersReviewed(results, "SUPPORTS", null, null);
        approvedAndMeasured(results);                                               // interpret-with-patients
        ClockUtil.setCurrentTime(date(TODAY));
        spreadAndMeasured("lead");                                                  // send-spread-data
        ClockUtil.setCurrentTime(date(TODAY));
        String spread = spreadAndMeasured("lead");
        LocalDate goLive = today().minusDays(85);
        complete("lead", spread, org.learninghealth.cycle.spread.SpreadProcess.TASK_SEND_DATA, Map.of(MEASUREMENT_CSV,
                "period,numerator,denominator,unit\n" + unitProportions("6 South", goLive, 20, 8)));
        executeJobs(spread);                                                        // review-spread
        ClockUtil.setCurrentTime(date(TODAY));
        closureDue("lead");                                                            // submit-closure-report
        complete("lead", closureDue("lead"), ClosureProcess.TASK_SUBMIT_REPORT, closureReport());                    // acknowledge-closure
        checkInDue("lead");                                                         // submit-continuing-review
        complete("lead", checkInDue("lead"), ContinuingReviewProcess.TASK_SUBMIT, continuingReviewSubmission()); // review-continuing-review
        String suspended = approved("lead");
        reportSafetyEvent(suspended, "A patient fell during a rounding gap");
        complete("irb", suspended, org.learninghealth.cycle.project.LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_CLASSIFICATION,
                "UNANTICIPATED_PROBLEM", SAFETY_DECISION, "SUSPEND", SAFETY_REVIEW_NOTES, "Rounds leave gaps at night"));
        executeJobs(suspended);                                                     // decide-suspension
        String amended = approved("lead");
        reportSafetyEvent(amended, "A patient fell during a rounding gap");
        complete("irb", amended, org.learninghealth.cycle.project.LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_CLASSIFICATION,
                "UNANTICIPATED_PROBLEM", SAFETY_DECISION, "MODIFICATIONS_REQUIRED", SAFETY_REVIEW_NOTES, "Add bed alarms")); // describe-amendment
    }

    private String userFor(Task task) {
        if (task.getAssignee() != null) {
            return task.getAssignee();
        }
        return taskService.getIdentityLinksForTask(task.getId()).stream().map(IdentityLink::getGroupId)
                .filter(DEMO_USER::containsKey).map(DEMO_USER::get).findFirst()
                .orElseThrow(() -> new AssertionError("no demo user may work " + task.getName()));
    }

    /** Where each role lands at login: its own filter, first in the list (claimed tasks stay in it). */
    static final Map<String, String> LANDING = Map.of("lead", org.learninghealth.cycle.identity.TasklistFilters.MY_TASKS,
            "manager", org.learninghealth.cycle.identity.TasklistFilters.TRIAGE_AND_DECISIONS,
            "irb", org.learninghealth.cycle.identity.TasklistFilters.OVERSIGHT_REVIEWS,
            "champion", org.learninghealth.cycle.identity.TasklistFilters.UNIT_ROLLOUTS,
            "partner", org.learninghealth.cycle.identity.TasklistFilters.PATIENT_AND_FAMILY_REVIEW);
    private final Set<String> landed = new TreeSet<>();

    /** Logs the person in and, the first time, checks they land on their role's own filter. */
    private void login(String user) {
        tasklist.login(user);
        if (LANDING.containsKey(user) && landed.add(user)) {
            org.openqa.selenium.WebElement active = new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofSeconds(20))
                    .until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                            org.openqa.selenium.By.cssSelector(".task-filter.active h4.name")));
            assertThat(active.getText()).as("%s lands on", user).startsWith(LANDING.get(user));
            assertThat(tasklist.driver().findElements(org.openqa.selenium.By.cssSelector(".task-filter h4.name")).get(0).getText())
                    .as("%s's first filter", user).startsWith(LANDING.get(user));
        }
    }

    @Test
    void everyFormRendersWithoutErrors() throws IOException {
        projectsAtEveryTask();
        Map<String, Task> taskPerForm = new LinkedHashMap<>();
        for (Task task : taskService.createTaskQuery().initializeFormKeys().list()) {
            if (task.getCamundaFormRef() != null) {
                taskPerForm.putIfAbsent(task.getCamundaFormRef().getKey(), task);
            }
        }
        Set<String> opened = new TreeSet<>();
        List<String> problems = new ArrayList<>();

        login("lead");
        // the product's name in the header and the title, and no Camunda end-of-life banner for clinicians
        assertThat(tasklist.driver().findElements(org.openqa.selenium.By.cssSelector(".ce-eol-banner")))
                .noneMatch(org.openqa.selenium.WebElement::isDisplayed);
        assertThat(tasklist.driver().findElement(org.openqa.selenium.By.cssSelector(".navbar-brand .brand-name")).getText()).isEqualTo("Learning Cycle Tasklist");
        assertThat(tasklist.driver().getTitle()).isEqualTo("Learning Cycle Tasklist");
        tasklist.consoleErrors();
        tasklist.startProcess("Learning cycle");
        check("start-challenge", problems);
        opened.add("start-challenge");
        // the lead requests an amendment through Tasklist's start form (the IRB opens it below)
        String amendable = approved("lead");
        login("lead");
        tasklist.startProcess("Request an amendment");
        check("request-amendment", problems);
        opened.add("request-amendment");
        tasklist.type("Project key", amendable)
                .type("Summary", "Add 6 South, where falls at night rose this spring")
                .type("Units to add", "6 South")
                .select("Designed to produce generalizable knowledge", "yes (now)");
        tasklist.submitStart();
        tasklist.waitForNotification("started");
        Task amendmentReview = task(amendable, org.learninghealth.cycle.oversight.OversightReviewProcess.TASK_REVIEW_PLAN);
        assertThat(taskService.getVariable(amendmentReview.getId(), OVERSIGHT_PATHWAY)).as("the amended answers' pathway").isEqualTo("EXEMPT");

        login("manager");
        tasklist.consoleErrors();
        tasklist.startProcess("Spread to more units");
        check("spread-to-units", problems);
        opened.add("spread-to-units");
        tasklist.closeStart();

        // one login a person: the manager's forms first (logged in already), the IRB's last (the amendment review follows)
        List<Map.Entry<String, Task>> byUser = new ArrayList<>(taskPerForm.entrySet());
        byUser.sort(java.util.Comparator.comparing((Map.Entry<String, Task> e) -> userFor(e.getValue()),
                java.util.Comparator.comparing((String u) -> u.equals("manager") ? 0 : u.equals("irb") ? 2 : 1).thenComparing(u -> u)));
        String user = "manager";
        for (Map.Entry<String, Task> entry : byUser) {
            String taskUser = userFor(entry.getValue());
            if (!taskUser.equals(user)) {
                login(taskUser);
                tasklist.consoleErrors();
                user = taskUser;
            }
            tasklist.openTask(entry.getValue().getId());
            check(entry.getKey(), problems);
            if (entry.getKey().equals("triage-challenge") && !tasklist.formText().contains("Running projects on a similar problem")) {
                problems.add("triage-challenge: the similar running projects are not listed");
            }
            opened.add(entry.getKey());
        }

        if (!user.equals("irb")) {
            login("irb");
        }
        tasklist.openTask(amendmentReview.getId());
        assertThat(tasklist.formText()).contains("This is a review of an amendment", "plan version 2", "Add 6 South, where falls at night rose",
                "units added: 6 South", "generalizableKnowledge: true (was false)", "oversight pathway: EXEMPT (was QI)");
        tasklist.screenshot("irb-reviews-amendment");

        assertThat(problems).isEmpty();
        assertThat(opened).as("every form of every process was opened").containsExactlyElementsOf(formIds());
        assertThat(landed).as("every role's landing filter was checked").isEqualTo(LANDING.keySet());
    }

    private void check(String form, List<String> problems) {
        String text = tasklist.formText();
        tasklist.screenshot(form);
        if (text.isBlank()) {
            problems.add(form + ": the form shows nothing");
        }
        if (text.contains("{{") || text.contains("}}")) {
            problems.add(form + ": template text left in the form");
        }
        tasklist.consoleErrors().forEach(error -> problems.add(form + ": console error " + error));
    }
}
