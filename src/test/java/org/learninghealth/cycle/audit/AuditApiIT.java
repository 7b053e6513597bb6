package org.learninghealth.cycle.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The audit trail of a whole cycle: who decided what, when, with their comments, the evidence and the evaluation. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditApiIT extends CycleSteps {

    @Autowired TestRestTemplate rest;
    @Autowired JsonVariables json;

    private static JsonNode step(JsonNode trail, String step) {
        return StreamSupport.stream(trail.spliterator(), false).filter(e -> e.get("step").asText().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError(step + " not in " + trail));
    }

    @Test
    void everyGateWithWhoWhenWhatAndTheEvidenceAndEvaluationItRestedOn() {
        String key = started("lead");
        triage(key, "ACCEPT", "Worth a try on two wards");
        executeJobs(key);
        Map<String, Object> plan = plan();
        plan.put(EVIDENCE_USED, json.write(List.of("local:DEMO-2025-0001/1")));
        planned(key, plan);
        executeJobs(key);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", "QI, no consent needed");
        executeJobs(key);
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 20, 10, 8), false);
        interpreted(key);
        decided(key, "ADOPT");

        JsonNode trail = rest.withBasicAuth("irb2", "irb2").getForEntity("/api/cycles/" + key + "/audit", JsonNode.class).getBody();
        assertThat(trail.get(0).get("step").asText()).isEqualTo("Challenge described");
        assertThat(trail.get(0).get("by").asText()).isEqualTo("lead");
        JsonNode triage = step(trail, "Triage the challenge");
        assertThat(triage.get("by").asText()).isEqualTo("manager");
        assertThat(triage.get("recorded").get(TRIAGE_DECISION).asText()).isEqualTo("ACCEPT");
        assertThat(triage.get("recorded").get(TRIAGE_COMMENTS).asText()).isEqualTo("Worth a try on two wards");
        JsonNode planning = step(trail, "Appraise evidence and plan the change");
        assertThat(planning.get("by").asText()).isEqualTo("lead");
        assertThat(planning.get("recorded").get(EVIDENCE_USED).asText()).contains("local:DEMO-2025-0001/1");
        JsonNode review = StreamSupport.stream(trail.spliterator(), false).filter(e -> e.get("by").asText().equals("irb")).findFirst().orElseThrow();
        assertThat(review.get("recorded").get(OversightReviewProcess.REVIEW_DECISION).asText()).isEqualTo("APPROVE");
        assertThat(review.get("recorded").get(OversightReviewProcess.REVIEW_COMMENTS).asText()).isEqualTo("QI, no consent needed");
        assertThat(trail.findValuesAsText("by")).contains("champion", "system");
        assertThat(trail.findValues("recorded").stream().anyMatch(r -> r.has(EVALUATION_SUMMARY) && r.get(EVALUATION_SUMMARY).asText().startsWith("Proportion"))).isTrue();
        assertThat(trail.findValues("recorded").stream().anyMatch(r -> r.has(RECOMMENDATION) && r.get(RECOMMENDATION).asText().equals("ADOPT"))).isTrue();
        JsonNode decision = step(trail, "Decide: adopt, adapt or abandon");
        assertThat(decision.get("by").asText()).isEqualTo("manager");
        assertThat(decision.get("recorded").get(DECISION).asText()).isEqualTo("ADOPT");
        assertThat(decision.get("recorded").get(DECISION_RATIONALE).asText()).isEqualTo("Decided on the evaluation: ADOPT");
        List<String> times = trail.findValuesAsText("at");
        assertThat(times).isSorted();

        ResponseEntity<String> csv = rest.withBasicAuth("manager", "manager").getForEntity("/api/cycles/" + key + "/audit?format=csv", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody()).startsWith("at,step,by,recorded").contains("Triage the challenge,manager,", "decision=ADOPT");

        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/audit", String.class).getStatusCode())
                .as("project members do not read the audit through this API").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/cycles/LC-1999-0001/audit", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /**
     * Ten years after a project ends (the {@code historyTimeToLive} of its models), Camunda's history cleanup removes its
     * history; a project that ended later, and a running one, keep every line of their audit trail.
     */
    @Test
    void historyCleanupRemovesAProjectTenYearsAfterItEndedAndKeepsEveryOtherAuditTrail() {
        String old = started("lead");
        triage(old, "DECLINE", "Not a quality problem");
        ClockUtil.setCurrentTime(date(TODAY.plusYears(1)));
        String later = started("lead");
        triage(later, "DECLINE", "Covered by another project");
        String running = started("lead");
        JsonNode laterTrail = audit(later).getBody();
        JsonNode runningTrail = audit(running).getBody();
        assertThat(audit(old).getStatusCode()).isEqualTo(HttpStatus.OK);

        ClockUtil.setCurrentTime(date(TODAY.plusDays(3650 + 1)));
        HistoryService history = engine.getHistoryService();
        Job cleanup = history.cleanUpHistoryAsync(true);
        managementService.executeJob(cleanup.getId());

        assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(old).count()).isZero();
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceBusinessKey(old).count()).isZero();
        assertThat(audit(old).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(audit(later).getBody()).as("ended a year later: nine years to go").isEqualTo(laterTrail);
        assertThat(audit(running).getBody()).isEqualTo(runningTrail);
    }

    private ResponseEntity<JsonNode> audit(String key) {
        return rest.withBasicAuth("manager", "manager").getForEntity("/api/cycles/" + key + "/audit", JsonNode.class);
    }
}
