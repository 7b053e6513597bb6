package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.continuingreview.ContinuingReviewProcess;
import org.learninghealth.cycle.reportable.SuspensionProcess;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.partners.PatientInterpretationProcess;
import org.learninghealth.cycle.partners.PatientReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Every role against every sensitive action, over the REST surfaces people and Tasklist use: each row asserts
 * allowed or refused. "Refused" is a 403 for an action and an empty answer (or a 403) for a query of other
 * people's data. Each row that could change a project works on a fresh one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIT extends CycleSteps {

    /**
     * The demo users of each role; "analyst" (data-analysts) may load measurements and nothing else, "partner"
     * (patient-partners) works their own reviews and sees nothing else.
     */
    static final List<String> ROLES = List.of("lead", "manager", "irb", "champion", "admin", "analyst", "partner", "outsider");
    static final String OTHER_LEAD = "otherlead";

    @Autowired TestRestTemplate rest;
    @Autowired org.learninghealth.cycle.letters.Letters letters;

    /** One sensitive action: who may do it, and how to try it as a user (true = it was done / the data was shown). */
    record Action(String name, Set<String> allowed, BiFunction<AuthorizationMatrixIT, String, Boolean> attempt) {
    }

    @TestFactory
    Stream<DynamicTest> everyRoleAgainstEverySensitiveAction() {
        ensureUser(OTHER_LEAD, "project-leads");
        ensureUser("outsider");
        List<DynamicTest> rows = new ArrayList<>();
        for (Action action : actions(identityWriters())) {
            for (String role : ROLES) {
                boolean expected = action.allowed().contains(role);
                rows.add(DynamicTest.dynamicTest(role + (expected ? " may " : " may not ") + action.name(), () ->
                        assertThat(action.attempt().apply(this, role)).as("%s: %s", role, action.name()).isEqualTo(expected)));
            }
        }
        return rows.stream();
    }

    /**
     * Who may create people and change memberships through Camunda: administrators, where Camunda keeps people; nobody
     * where the hospital directory does (it is read-only to the app; people and memberships change in the directory).
     */
    protected Set<String> identityWriters() {
        return Set.of("admin");
    }

    static List<Action> actions(Set<String> identityWriters) {
        List<Action> actions = new ArrayList<>();
        actions.add(new Action("start a learning cycle", Set.of("lead", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/engine-rest/process-definition/key/learning-cycle/submit-form", variables(challenge("Started by " + user))))));
        gate(actions, "triage a challenge", Set.of("manager", "admin"), Set.of("manager", "admin"), CycleSteps::started,
                LearningCycleProcess.TASK_TRIAGE, Map.of(TRIAGE_DECISION, "ACCEPT"));
        gate(actions, "clarify a challenge", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"), (t, lead) -> t.atClarification(lead),
                LearningCycleProcess.TASK_CLARIFY, Map.of(CLARIFICATION_RESPONSE, "Nights, 23:00 to 05:00"));
        gate(actions, "appraise evidence and plan", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"),
                (t, lead) -> t.atPlan(lead), LearningCycleProcess.TASK_PLAN, plan());
        gate(actions, "review the plan (IRB/QI)", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"),
                (t, lead) -> t.atReview(lead), OversightReviewProcess.TASK_REVIEW_PLAN, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
        gate(actions, "review the plan (expedited IRB review)", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"),
                (t, lead) -> t.oversight("EXPEDITED"), OversightReviewProcess.TASK_EXPEDITED_REVIEW, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
        gate(actions, "vote in a full-board review", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"),
                (t, lead) -> t.oversight("FULL_BOARD"), OversightReviewProcess.TASK_FULL_BOARD_REVIEW, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
        gate(actions, "review a safety event", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"), (t, lead) -> t.atSafetyReview(lead),
                LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_DECISION, "CONTINUE", SAFETY_CLASSIFICATION, "NOT_UNANTICIPATED", SAFETY_REVIEW_NOTES, "Unrelated to the change"));
        gate(actions, "confirm go-live on a unit", Set.of("champion", "manager", "admin"), Set.of("champion", "admin"), CycleSteps::approved,
                UnitRolloutProcess.TASK_CONFIRM_GO_LIVE, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()));
        gate(actions, "submit measurements", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"), CycleSteps::waitingForMeasurements,
                LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, Map.of(MEASUREMENT_CSV, weeklyProportions(TODAY, 10, 20, 10, 8), BALANCING_MEASURE_HARMED, false));
        gate(actions, "interpret the evaluation", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"),
                (t, lead) -> t.atInterpretation(lead), LearningCycleProcess.TASK_INTERPRET, Map.of(INTERPRETATION, "It worked", LESSONS_LEARNED, "Nights first"));
        gate(actions, "decide adopt, adapt or abandon", Set.of("manager", "admin"), Set.of("manager", "admin"),
                (t, lead) -> t.throughEvaluation(lead, 20, 8), LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Worked"));
        gate(actions, "review a change for patients and families", Set.of("partner", "manager", "admin"), Set.of("partner", "admin"),
                (t, lead) -> t.atPartnerReview(lead), PatientReviewProcess.TASK_REVIEW, Map.of(PatientReviewProcess.PARTNER_VIEW, "SUPPORTS"));
        gate(actions, "answer the partners' concerns", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"),
                (t, lead) -> t.atConcerns(lead), PatientReviewProcess.TASK_ANSWER_CONCERNS, Map.of(PatientReviewProcess.CONCERN_ANSWERS, "Explained: quiet checks"));
        gate(actions, "say what the results mean for patients", Set.of("partner", "manager", "admin"), Set.of("partner", "admin"),
                (t, lead) -> t.atPartnerInterpretation(lead), PatientInterpretationProcess.TASK_INTERPRET,
                Map.of(PatientInterpretationProcess.PARTNER_INTERPRETATION, "Fewer people hurt"));
        gate(actions, "answer a performance slip", Set.of("manager", "admin"), Set.of("manager", "admin"), (t, lead) -> t.atSlip(lead),
                LearningCycleProcess.TASK_PERFORMANCE_SLIPPED, Map.of(SUSTAIN_DECISION, "accept", SUSTAIN_DECISION_REASON, "Holiday staffing"));
        gate(actions, "submit a closure report", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"), (t, lead) -> t.atClosureReport(lead),
                ClosureProcess.TASK_SUBMIT_REPORT, closureReport());
        gate(actions, "acknowledge a closure", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"), (t, lead) -> t.atClosureAcknowledgement(lead),
                ClosureProcess.TASK_ACKNOWLEDGE, Map.of(ClosureProcess.CLOSURE_DECISION, "ACKNOWLEDGE"));
        gate(actions, "submit a continuing review", Set.of("lead", "manager", "admin"), Set.of("lead", "admin"), (t, lead) -> t.atContinuingReview(lead),
                ContinuingReviewProcess.TASK_SUBMIT, continuingReviewSubmission());
        gate(actions, "review a continuing review", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"),
                (t, lead) -> t.atContinuingReviewReview(lead), ContinuingReviewProcess.TASK_REVIEW,
                Map.of(ContinuingReviewProcess.CONTINUING_REVIEW_DECISION, "APPROVE"));
        gate(actions, "resume or terminate a suspended project", Set.of("irb", "manager", "admin"), Set.of("irb", "admin"), (t, lead) -> t.atSuspension(lead),
                SuspensionProcess.TASK_DECIDE, Map.of(SuspensionProcess.SUSPENSION_DECISION, "RESUME", SuspensionProcess.SUSPENSION_REASON, "Safe again"));
        actions.add(new Action("request an amendment", Set.of("lead", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.approved("lead") + "/amendments", Map.of("summary", "Add 6 South", "addUnits", List.of("6 South"))))));
        actions.add(new Action("set their own mail setting", Set.copyOf(ROLES), (t, user) -> t.status(t.call(user, HttpMethod.PUT,
                "/api/me/notifications", Map.of("mail", "each")))));
        actions.add(new Action("list expiring approvals", Set.of("irb", "manager", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/oversight/approvals?within=400", null))));
        actions.add(new Action("read another lead's plan versions", Set.of("irb", "manager", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/cycles/" + t.othersProject() + "/amendments", null))));

        // Cockpit and the REST API's operator actions
        Set<String> admins = Set.of("admin");
        actions.add(new Action("change a project's variable", admins, (t, user) -> t.status(t.call(user, HttpMethod.PUT,
                "/engine-rest/process-instance/" + t.instanceOf(t.started("lead")) + "/variables/" + TITLE, Map.of("value", "Changed by " + user)))));
        actions.add(new Action("cancel a project", admins, (t, user) -> t.status(t.call(user, HttpMethod.DELETE,
                "/engine-rest/process-instance/" + t.instanceOf(t.started("lead")), null))));
        actions.add(new Action("suspend a project", admins, (t, user) -> t.status(t.call(user, HttpMethod.PUT,
                "/engine-rest/process-instance/" + t.instanceOf(t.started("lead")) + "/suspended", Map.of("suspended", true)))));
        actions.add(new Action("move a project to another step", admins, (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/engine-rest/process-instance/" + t.instanceOf(t.started("lead")) + "/modification", Map.of("instructions",
                        List.of(Map.of("type", "startBeforeActivity", "activityId", LearningCycleProcess.TASK_CLARIFY)))))));
        actions.add(new Action("retry a failed job", admins, (t, user) -> t.status(t.call(user, HttpMethod.PUT,
                "/engine-rest/job/" + t.evidenceJob() + "/retries", Map.of("retries", 3)))));
        actions.add(new Action("deploy a process", admins, (t, user) -> t.status(t.deploy(user))));
        actions.add(new Action("create a user", identityWriters, (t, user) -> t.status(t.call(user, HttpMethod.POST, "/engine-rest/user/create",
                Map.of("profile", Map.of("id", "new" + user, "firstName", "N", "lastName", "U"), "credentials", Map.of("password", "a-Long-pa55word"))))));
        actions.add(new Action("add someone to the managers", identityWriters, (t, user) -> t.status(t.call(user, HttpMethod.PUT,
                "/engine-rest/group/managers/members/outsider", null)) && t.removeFromManagers()));
        actions.add(new Action("create a Tasklist filter", admins, (t, user) -> t.status(t.call(user, HttpMethod.POST, "/engine-rest/filter/create",
                Map.of("resourceType", "Task", "name", "All of " + user, "query", Map.of())))));

        // other people's projects (a project of another lead, waiting for its plan)
        Set<String> followers = Set.of("manager", "admin");
        actions.add(new Action("see another lead's tasks", followers, (t, user) -> t.listed(t.call(user, HttpMethod.GET,
                "/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + t.othersProject(), null))));
        actions.add(new Action("read another lead's project variables", followers, (t, user) -> t.listed(t.call(user, HttpMethod.GET,
                "/engine-rest/variable-instance?maxResults=50&processInstanceIdIn=" + t.instanceOf(t.othersProject()), null))));
        actions.add(new Action("read another lead's project history", followers, (t, user) -> t.listed(t.call(user, HttpMethod.GET,
                "/engine-rest/history/process-instance?maxResults=50&processInstanceBusinessKey=" + t.othersProject(), null))));
        actions.add(new Action("read another lead's audit trail", Set.of("irb", "manager", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/cycles/" + t.othersProject() + "/audit", null))));
        actions.add(new Action("see another lead's project in the portfolio", followers, (t, user) -> {
            ResponseEntity<JsonNode> portfolio = t.call(user, HttpMethod.GET, "/api/portfolio", null);
            return t.status(portfolio) && portfolio.getBody().findValuesAsText("projectKey").contains(t.othersProject());
        }));
        // the project behind a partner's review: the partners see their task's few variables, not the project's
        actions.add(new Action("read the variables of a project under patient and family review", followers, (t, user) -> t.listed(t.call(user,
                HttpMethod.GET, "/engine-rest/variable-instance?maxResults=50&processInstanceIdIn=" + t.instanceOf(t.underPartnerReview()), null))));
        actions.add(new Action("read the history of a project under patient and family review", followers, (t, user) -> t.listed(t.call(user,
                HttpMethod.GET, "/engine-rest/history/variable-instance?maxResults=50&processInstanceId=" + t.instanceOf(t.underPartnerReview()), null))));
        actions.add(new Action("read another lead's project timeline", followers, (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/portfolio/" + t.othersProject() + "/timeline", null))));
        // shared by everyone in a role: charts shown in the forms, the hospital's knowledge
        Set<String> everyRole = Set.of("lead", "manager", "irb", "champion", "admin");
        actions.add(new Action("see a project's chart", everyRole, (t, user) -> t.status(t.rest.withBasicAuth(user, user)
                .getForEntity("/api/cycles/" + t.measured() + "/chart.png", byte[].class))));
        actions.add(new Action("see a project's whole story (every cycle)", everyRole, (t, user) -> t.status(t.rest.withBasicAuth(user, user)
                .getForEntity("/api/cycles/" + t.measured() + "/story.png", byte[].class)) && t.status(t.call(user, HttpMethod.GET,
                "/api/cycles/" + t.measured() + "/story", null))));
        actions.add(new Action("see the chart of a project whose results the partners are asked about", Set.of("lead", "manager", "irb", "champion",
                "admin", "partner"), (t, user) -> t.status(t.rest.withBasicAuth(user, user)
                .getForEntity("/api/cycles/" + t.partnersAsked() + "/chart.png", byte[].class))));
        actions.add(new Action("search the hospital's knowledge", everyRole, (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/knowledge?q=falls", null))));
        actions.add(new Action("see Making Data Count's icons", everyRole, (t, user) -> t.status(t.rest.withBasicAuth(user, user)
                .getForEntity("/api/evaluation/icons/concern-high.svg", String.class))));
        actions.add(new Action("see how many adopted changes were sustained", followers, (t, user) -> t.status(t.call(user, HttpMethod.GET,
                "/api/portfolio/sustained", null))));
        actions.add(new Action("report a safety event", everyRole, (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.waitingForMeasurements("lead") + "/safety-events", Map.of("description", "Fall on the unit", "severity", "moderate", "discovered", TODAY.toString())))));
        actions.add(new Action("withdraw a project", Set.of("lead", "manager", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.started("lead") + "/withdrawal", Map.of("reason", "Unit closing")))));
        // spread: a fresh adopted project for every attempt (one spread of a project runs at a time)
        actions.add(new Action("spread an adopted change to more units", Set.of("manager", "admin"), (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.adopted("lead") + "/spread", Map.of("units", List.of("9 West"), "reason", "The same falls on 9 West")))));
        actions.add(new Action("spread an adopted change from Tasklist's start form", Set.of("manager", "admin"), (t, user) -> t.status(t.call(user,
                HttpMethod.POST, "/engine-rest/process-definition/key/spread/submit-form", variables(Map.of(SpreadProcess.SPREAD_PROJECT, t.adopted("lead"),
                        SpreadProcess.SPREAD_UNITS, "9 West", SpreadProcess.SPREAD_REASON, "The same falls on 9 West"))))));
        actions.add(new Action("download a project's determination letter", Set.of("lead", "manager", "irb", "admin"), (t, user) -> {
            String key = t.approved("lead");
            return t.status(t.rest.withBasicAuth(user, user).getForEntity(t.letters.of(key).get(0).link(), byte[].class));
        }));
        // data from practice: the data API and the upload page's preview
        Set<String> senders = Set.of("lead", "manager", "admin", "analyst");
        List<Map<String, Object>> points = List.of(Map.of("period", "2026-01-05", "numerator", 12, "denominator", 50, "unit", "4 West"));
        actions.add(new Action("send measurements for a project", senders, (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.waitingForMeasurements("lead") + "/measurements", points))));
        actions.add(new Action("preview measurements for a project", senders, (t, user) -> t.status(t.call(user, HttpMethod.POST,
                "/api/cycles/" + t.measured() + "/measurements/preview", points))));
        actions.add(new Action("read a project's stored measurements", Set.of("lead", "manager", "irb", "admin", "analyst"), (t, user) ->
                t.status(t.call(user, HttpMethod.GET, "/api/cycles/" + t.measured() + "/measurements", null))));
        actions.add(new Action("send measurements for another lead's project", Set.of("manager", "admin", "analyst"), (t, user) -> t.status(t.call(user,
                HttpMethod.POST, "/api/cycles/" + t.othersProject() + "/measurements", points))));
        // the web applications (data analysts log in through Tasklist, where they have neither tasks nor filters)
        actions.add(new Action("open Tasklist", Set.of("lead", "manager", "irb", "champion", "admin", "analyst", "partner"), (t, user) -> t.may(user, "tasklist")));
        actions.add(new Action("open Cockpit", followers, (t, user) -> t.may(user, "cockpit")));
        actions.add(new Action("open Admin", admins, (t, user) -> t.may(user, "admin")));
        return actions;
    }

    /** Two rows per gate: opening its form and completing it. */
    private static void gate(List<Action> actions, String name, Set<String> open, Set<String> complete,
            BiFunction<AuthorizationMatrixIT, String, String> at, String taskKey, Map<String, Object> values) {
        Map<String, String> shared = new LinkedHashMap<>();
        actions.add(new Action("open the form to " + name, open, (t, user) -> {
            String key = shared.computeIfAbsent("key", k -> at.apply(t, "lead"));
            return t.status(t.call(user, HttpMethod.GET, "/engine-rest/task/" + t.taskOf(key, taskKey).getId() + "/form-variables", null));
        }));
        actions.add(new Action(name, complete, (t, user) -> {
            // an allowed attempt completes the task, so it needs a project of its own; a refused one changes nothing and
            // tries the project the form rows opened (were it wrongly allowed, its row fails)
            String key = complete.contains(user) ? at.apply(t, "lead") : shared.computeIfAbsent("key", k -> at.apply(t, "lead"));
            Task task = t.taskOf(key, taskKey);
            if (task.getAssignee() == null && !t.status(t.call(user, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/claim", Map.of("userId", user)))) {
                return false;
            }
            return t.status(t.call(user, HttpMethod.POST, "/engine-rest/task/" + task.getId() + "/submit-form", variables(values)));
        }));
    }

    // ---- stages of a fresh project, driven through the Java API as the right people

    /** Approved on the EXPEDITED pathway eleven months ago: its annual check-in waits for the lead. */
    String atContinuingReview(String lead) {
        return checkInDue(lead);
    }

    /** {@link #atContinuingReview}, submitted: the IRB's review waits. */
    String atContinuingReviewReview(String lead) {
        String key = atContinuingReview(lead);
        complete(lead, key, ContinuingReviewProcess.TASK_SUBMIT, continuingReviewSubmission());
        return key;
    }

    /** Approved, new information reported and the project suspended by an IRB reviewer: the decision to resume or terminate waits. */
    String atSuspension(String lead) {
        String key = atSafetyReview(lead);
        complete("irb", key, LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT, Map.of(SAFETY_DECISION, "SUSPEND", SAFETY_CLASSIFICATION, "UNANTICIPATED_PROBLEM",
                SAFETY_REVIEW_NOTES, "Falls during rounds"));
        executeJobs(key);
        return key;
    }

    String atClosureReport(String lead) {
        return closureDue(lead);
    }

    /** {@link #atClosureReport}, the report sent: the IRB's acknowledgement waits. */
    String atClosureAcknowledgement(String lead) {
        String key = atClosureReport(lead);
        complete(lead, key, ClosureProcess.TASK_SUBMIT_REPORT, closureReport());
        return key;
    }

    /** Adopted, and the first sustain review found the rate back above the adopted phase's upper limit. */
    String atSlip(String lead) {
        String key = adopted(lead);
        reported(key, TODAY.plusWeeks(10), 4, 25);
        monthPassed(key);
        return key;
    }

    String atPlan(String lead) {
        String key = started(lead);
        acceptedWithEvidence(key);
        return key;
    }

    String atClarification(String lead) {
        String key = started(lead);
        triage(key, "CLARIFY", "Which shifts are affected?");
        return key;
    }

    /** An oversight review on its own, on the given pathway (as the learning cycle calls it). */
    String oversight(String pathway) {
        String key = "OR-MATRIX-" + pathway + "-" + System.nanoTime();
        Map<String, Object> variables = calledProcessVariables(key);
        variables.put(OVERSIGHT_PATHWAY, pathway);
        runtimeService.startProcessInstanceByKey(OversightReviewProcess.KEY, key, variables);
        return key;
    }

    String atSafetyReview(String lead) {
        String key = approved(lead);
        reportSafetyEvent(key, "A patient fell while the aide was logging the round");
        return key;
    }

    String atReview(String lead) {
        String key = atPlan(lead);
        planned(key, plan());
        return key;
    }

    /** A patient-facing plan, waiting for the patient and family partners. */
    String atPartnerReview(String lead) {
        String key = atPlan(lead);
        complete(lead, key, LearningCycleProcess.TASK_PLAN, patientFacingPlan());
        return key;
    }

    String atConcerns(String lead) {
        String key = atPartnerReview(lead);
        partnersReviewed(key, "HAS_CONCERNS", "Checks wake people at night", null);
        return key;
    }

    /** A patient-facing change evaluated: the partners are asked what its results mean for patients. */
    String atPartnerInterpretation(String lead) {
        String key = atPartnerReview(lead);
        partnersReviewed(key, "SUPPORTS", null, null);
        approvedAndMeasured(key);
        return key;
    }

    private String underPartnerReview;
    private String partnersAsked;

    String underPartnerReview() {
        if (underPartnerReview == null) {
            underPartnerReview = atPartnerReview(OTHER_LEAD);
        }
        return underPartnerReview;
    }

    String partnersAsked() {
        if (partnersAsked == null) {
            partnersAsked = atPartnerInterpretation("lead");
        }
        return partnersAsked;
    }

    String atInterpretation(String lead) {
        String key = waitingForMeasurements(lead);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 20, 10, 8), false);
        return key;
    }

    private String othersProject;
    private String measured;

    String othersProject() {
        if (othersProject == null) {
            othersProject = atPlan(OTHER_LEAD);
        }
        return othersProject;
    }

    String measured() {
        if (measured == null) {
            measured = atInterpretation("lead");
        }
        return measured;
    }

    String evidenceJob() {
        String key = started("lead");
        triage(key, "ACCEPT", null);
        Job job = managementService.createJobQuery().processInstanceId(instanceOf(key)).singleResult();
        return job.getId();
    }

    /** The task of the gate; of a full board's two, the one that is not the second reviewer's. */
    Task taskOf(String key, String taskKey) {
        return tasks(key, taskKey).stream().filter(t -> !"irb2".equals(t.getAssignee())).findFirst()
                .orElseThrow(() -> new AssertionError("no open " + taskKey + " of " + key));
    }

    String instanceOf(String key) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).processDefinitionKey(LearningCycleProcess.KEY)
                .singleResult().getId();
    }

    boolean may(String user, String application) {
        return isAuthorized(user, Permissions.ACCESS, Resources.APPLICATION, application);
    }

    boolean removeFromManagers() {
        identityService.deleteMembership("outsider", "managers");
        return true;
    }

    // ---- HTTP

    ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
        return rest.withBasicAuth(user, user).exchange(path, method, body == null ? null : new HttpEntity<>(body), JsonNode.class);
    }

    ResponseEntity<JsonNode> deploy(String user) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("deployment-name", "intruder");
        form.add("data", new ByteArrayResource(("<?xml version=\"1.0\"?><definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" targetNamespace=\"x\"><process id=\"intruder\" isExecutable=\"true\" "
                + "camunda:historyTimeToLive=\"1\"><startEvent id=\"s\"/></process></definitions>").getBytes()) {
            @Override
            public String getFilename() {
                return "intruder.bpmn";
            }
        });
        return rest.withBasicAuth(user, user).exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
    }

    /**
     * Done (2xx), or refused: 403, or 404 where the thing is not even shown to the caller (Camunda hides process
     * definitions a user may not read). Anything else (400, 500) is a bug in how a refusal is reported.
     */
    boolean status(ResponseEntity<?> response) {
        int status = response.getStatusCode().value();
        if (status / 100 == 2) {
            return true;
        }
        Object body = response.getBody() instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : response.getBody();
        assertThat(status).as("a refusal is a 403 or 404, not %s: %s", status, body).isIn(403, 404);
        return false;
    }

    /** A query answered with rows (shown) or with none / 403 (not shown). */
    boolean listed(ResponseEntity<JsonNode> response) {
        return status(response) && response.getBody().isArray() && !response.getBody().isEmpty();
    }
}
