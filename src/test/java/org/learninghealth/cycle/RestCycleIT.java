package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.learninghealth.cycle.project.CycleVariables.*;

/** A whole cycle through /engine-rest as the demo users, the way Tasklist drives it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RestCycleIT extends CycleSteps {

    @Autowired TestRestTemplate rest;
    @Autowired HistoryService historyService;

    private ResponseEntity<JsonNode> call(String user, HttpMethod method, String path, Object body) {
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, user);
        return client.exchange(path, method, body == null ? null : new HttpEntity<>(body), JsonNode.class);
    }

    private String taskId(String user, String key, String taskKey) {
        JsonNode tasks = call(user, HttpMethod.GET, "/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + key + "&taskDefinitionKey=" + taskKey, null).getBody();
        assertThat(tasks).as("%s sees %s", user, taskKey).hasSize(1);
        return tasks.get(0).get("id").asText();
    }

    private void submit(String user, String taskId, Map<String, Object> values) {
        call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/claim", Map.of("userId", user));
        ResponseEntity<JsonNode> done = call(user, HttpMethod.POST, "/engine-rest/task/" + taskId + "/submit-form", variables(values));
        assertThat(done.getStatusCode()).as("%s submits %s: %s", user, taskId, done.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void anonymousCallsAreRefused() {
        assertThat(call(null, HttpMethod.GET, "/engine-rest/task", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(null, HttpMethod.GET, "/engine-rest/process-definition", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(call(null, HttpMethod.GET, "/api/knowledge?q=falls", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("lead", "wrong").getForEntity("/engine-rest/task", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aWholeCycleRunsThroughTheRestApiAsTheDemoUsers() {
        ResponseEntity<JsonNode> started = call("lead", HttpMethod.POST, "/engine-rest/process-definition/key/learning-cycle/submit-form",
                variables(challenge("Falls at night on the medical wards")));
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String key = started.getBody().get("businessKey").asText();
        assertThat(key).startsWith("LC-");

        // the lead cannot see, let alone complete, the manager's gate
        String triage = taskId("manager", key, LearningCycleProcess.TASK_TRIAGE);
        assertThat(call("lead", HttpMethod.GET, "/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + key, null).getBody()).isEmpty();
        ResponseEntity<JsonNode> outOfRole = call("lead", HttpMethod.POST, "/engine-rest/task/" + triage + "/complete",
                variables(Map.of(TRIAGE_DECISION, "ACCEPT")));
        assertThat(outOfRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call("irb", HttpMethod.POST, "/engine-rest/task/" + triage + "/complete", variables(Map.of(TRIAGE_DECISION, "ACCEPT")))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<JsonNode> form = call("manager", HttpMethod.GET, "/engine-rest/task/" + triage + "/deployed-form", null);
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody().get("id").asText()).isEqualTo("triage-challenge");
        submit("manager", triage, Map.of(TRIAGE_DECISION, "ACCEPT"));
        executeJobs(key);

        String plan = taskId("lead", key, LearningCycleProcess.TASK_PLAN);
        JsonNode planVariables = call("lead", HttpMethod.GET, "/engine-rest/task/" + plan + "/form-variables?deserializeValues=false", null).getBody();
        assertThat(planVariables.get(EVIDENCE).get("type").asText()).isEqualTo("Json");
        assertThat(planVariables.get(EVIDENCE).get("value").asText()).contains("Hourly rounding to reduce inpatient falls", "[demo data]");
        submit("lead", plan, plan());

        String review = taskId("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN);
        submit("irb", review, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"));
        executeJobs(key);
        for (JsonNode task : call("champion", HttpMethod.GET, "/engine-rest/task?maxResults=50&processInstanceBusinessKey=" + key
                + "&taskDefinitionKey=" + UnitRolloutProcess.TASK_CONFIRM_GO_LIVE, null).getBody()) {
            submit("champion", task.get("id").asText(), Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString(), UnitRolloutProcess.FIDELITY_NOTES, "as planned"));
        }
        executeJobs(key);
        moveClock(Duration.ofDays(7 * 12 + 1));
        executeJobs(key);

        String measurements = taskId("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS);
        ResponseEntity<JsonNode> badCsv = call("lead", HttpMethod.POST, "/engine-rest/task/" + measurements + "/submit-form",
                variables(Map.of(MEASUREMENT_CSV, "period,numerator,denominator\n2026-01-05,x,50")));
        assertThat(badCsv.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCsv.getBody().get("message").asText()).contains("line 2: numerator 'x' is not a number");
        submit("lead", measurements, Map.of(MEASUREMENT_CSV, weeklyProportions(TODAY, 10, 20, 10, 8), BALANCING_MEASURE_HARMED, false));
        executeJobs(key);
        submit("lead", taskId("lead", key, LearningCycleProcess.TASK_INTERPRET),
                Map.of(INTERPRETATION, "Rounding stuck", LESSONS_LEARNED, "Start with the night shift"));

        String decision = taskId("manager", key, LearningCycleProcess.TASK_DECIDE);
        submit("manager", decision, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Clear, sustained improvement"));
        executeJobs(key);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).processDefinitionKey(LearningCycleProcess.KEY).singleResult().getId())
                .activityId(LearningCycleProcess.SUB_SUSTAIN).unfinished().count()).as("monitored after adoption").isEqualTo(1);

        JsonNode knowledge = call("lead", HttpMethod.GET, "/api/knowledge?q=night falls rounding", null).getBody();
        assertThat(knowledge.findValuesAsText("projectKey")).contains(key);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void separationOfDutiesIsRefusedWith403AndAClearMessage(CapturedOutput log) {
        ResponseEntity<JsonNode> started = call("managerlead", HttpMethod.POST, "/engine-rest/process-definition/key/learning-cycle/submit-form",
                variables(challenge("My own project")));
        String key = started.getBody().get("businessKey").asText();
        String triage = taskId("managerlead", key, LearningCycleProcess.TASK_TRIAGE);
        call("managerlead", HttpMethod.POST, "/engine-rest/task/" + triage + "/claim", Map.of("userId", "managerlead"));
        ResponseEntity<JsonNode> refused = call("managerlead", HttpMethod.POST, "/engine-rest/task/" + triage + "/submit-form",
                variables(Map.of(TRIAGE_DECISION, "ACCEPT")));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody().get("message").asText()).startsWith("Separation of duties: managerlead leads project " + key);
        // a refusal is an INFO line for operators, not Camunda's ERROR with a stack trace
        assertThat(log.getOut()).contains("Refused (not allowed): Separation of duties: managerlead leads project " + key)
                .doesNotContain("ENGINE-16004");
    }

    @Test
    void withdrawalThroughTheApiIsForTheLeadOrAManager() {
        String key = started("lead");
        ResponseEntity<JsonNode> byChampion = call("champion", HttpMethod.POST, "/api/cycles/" + key + "/withdrawal", Map.of("reason", "not mine"));
        assertThat(byChampion.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byChampion.getBody().get("message").asText()).contains("Only the project's lead (lead)");
        assertThat(call("lead", HttpMethod.POST, "/api/cycles/" + key + "/withdrawal", Map.of("reason", " ")).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(call("lead", HttpMethod.POST, "/api/cycles/LC-1999-9999/withdrawal", Map.of("reason", "x")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call("lead", HttpMethod.POST, "/api/cycles/" + key + "/safety-events", Map.of("description", "fall")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(call("lead", HttpMethod.POST, "/api/cycles/" + key + "/withdrawal", Map.of("reason", "Unit closing")).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(List.of(call(null, HttpMethod.POST, "/api/cycles/" + key + "/withdrawal", Map.of("reason", "x")).getStatusCode()))
                .containsExactly(HttpStatus.UNAUTHORIZED);
    }
}
