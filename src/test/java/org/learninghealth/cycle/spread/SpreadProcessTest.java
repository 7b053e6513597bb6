package org.learninghealth.cycle.spread;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.evaluation.ChartPoint;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.PerUnitEvaluation;
import org.learninghealth.cycle.evaluation.RuleSet;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * An adopted change spread to more units: on the QI pathway with the change unchanged no new review (and the audit
 * trail says so), on other pathways (and on QI with an adapted change) a review of the spread first; each new unit
 * with its own rollout, judged against its own baseline with hand-computed limits; the summary says where it held, the
 * knowledge record keeps it, and the portfolio shows the coverage and the time from adoption to the last unit live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpreadProcessTest extends CycleSteps {

    @Autowired TestRestTemplate rest;
    @Autowired FormService formService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;
    @Autowired PerUnitEvaluation perUnit;
    @Autowired MeasurementRepository measurements;
    @Autowired KnowledgeRepository knowledge;
    @Autowired SpreadUnits spreadUnits;

    private ResponseEntity<JsonNode> spread(String user, String key, Map<String, Object> body) {
        return rest.withBasicAuth(user, user).postForEntity("/api/cycles/" + key + "/spread", body, JsonNode.class);
    }

    private static Map<String, Object> request(List<String> units, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("units", units);
        body.put("reason", reason);
        return body;
    }

    private JsonNode portfolioRow(String key) {
        JsonNode rows = rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio", JsonNode.class).getBody();
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get("projectKey").asText().equals(key)).findFirst().orElseThrow();
    }

    private long reviewsOf(String key) {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(OversightReviewProcess.KEY).processInstanceBusinessKey(key).count();
    }

    @Test
    void onTheQiPathwayAnUnchangedChangeSpreadsWithoutANewReviewAndIsJudgedOnEachNewUnitAgainstItsOwnBaseline() {
        String key = adopted("lead");
        LocalDate adoptedOn = today();
        ResponseEntity<JsonNode> started = spread("manager", key, request(List.of("6 South", "7 North"),
                "The same falls at night on the other medical wards"));

        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(started.getBody().get("reviewed").asBoolean()).isFalse();
        assertThat(started.getBody().get("units")).extracting(JsonNode::asText).containsExactly("6 South", "7 North");
        executeJobs(key);
        assertThat(reviewsOf(key)).as("only the plan's own review").isEqualTo(1);
        List<Task> goLives = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE);
        assertThat(goLives).extracting(t -> taskService.getVariable(t.getId(), UNIT)).containsExactlyInAnyOrder("6 South", "7 North");
        assertThat(goLives).allSatisfy(t -> assertThat(t.getDueDate()).isNotNull());
        JsonNode row = portfolioRow(key);
        assertThat(row.get("stages")).extracting(JsonNode::asText).contains("Spread", "Sustaining");
        assertThat(row.get("unitsLive").asInt()).isEqualTo(2);
        assertThat(row.get("unitsPlanned").asInt()).isEqualTo(4);
        assertThat(row.path("adoptionToLastUnitLiveDays").isNumber()).as("not all live yet").isFalse();

        moveClock(Duration.ofDays(3));
        LocalDate goLive = today();
        rolledOut(key, goLive);
        row = portfolioRow(key);
        assertThat(row.get("unitsLive").asInt()).isEqualTo(4);
        assertThat(row.get("adoptionToLastUnitLiveDays").asLong()).isEqualTo(java.time.temporal.ChronoUnit.DAYS.between(adoptedOn, goLive));

        measurementPeriodOver(key, 12);
        Task missing = task(key, TASK_SEND_DATA);
        assertThat(missing.getAssignee()).isEqualTo("lead");
        assertThat((String) taskService.getVariable(missing.getId(), SPREAD_SHORTFALL))
                .isEqualTo("6 South has no data of its own yet; 7 North has no data of its own yet.");
        // the lead pastes the new units' data: their own baseline before their go-live, and the weeks since
        complete("lead", key, TASK_SEND_DATA, Map.of(MEASUREMENT_CSV, "period,numerator,denominator,unit\n"
                + unitProportions("6 South", goLive, 20, 8) + unitProportions("7 North", goLive, 20, 20)));
        executeJobs(key);

        Task review = task(key, TASK_REVIEW);
        String summary = (String) taskService.getVariable(review.getId(), SPREAD_SUMMARY);
        assertThat(summary).startsWith("Held on 6 South; did not hold on 7 North. Each new unit against its own baseline before its own go-live: ")
                // 79 of 1,000 after; 7 North's 199 of 1,000 is a little lower but could be chance: it did not hold there
                .contains("6 South improved: 20.0% -> 7.9% since its go-live on " + goLive + " (special cause on its own chart",
                        "7 North improved: 20.0% -> 19.9% since its go-live on " + goLive + " (no special cause, could be chance)");
        // hand-computed p-chart of 6 South's baseline (mean denominator 100 < 1,000: no Laney): 200 falls in 1,000 patient-days,
        // p = 0.20, sigma = sqrt(0.20 * 0.80 / 100) = 0.04, limits 0.20 -/+ 3 * 0.04 = 0.08 and 0.32
        PerUnitEvaluation.UnitResult south = perUnit.evaluate(key, 1, MeasureType.PROPORTION, Direction.DECREASE, null, RuleSet.of(null, null)).stream()
                .filter(u -> u.unit().equals("6 South")).findFirst().orElseThrow();
        ChartPoint first = south.result().chart().points().get(0);
        assertThat(first.centerLine()).isCloseTo(0.20, within(1e-9));
        assertThat(first.lcl()).isCloseTo(0.08, within(1e-9));
        assertThat(first.ucl()).isCloseTo(0.32, within(1e-9));
        assertThat(south.goLive()).isEqualTo(goLive);
        assertThat(south.result().baselinePeriods()).isEqualTo(10);
        assertThat(south.result().chart().improvementPoints()).as("weeks at 7% lie below the baseline's lower limit").isPositive();
        // the adopted units' series, which sustain monitoring judges, is what it was: 20 weeks, no spread unit in it
        assertThat(measurements.series(key, 1, MeasureType.PROPORTION)).hasSize(20);

        complete("manager", key, TASK_REVIEW, Map.of(SPREAD_CONCLUSION, "Keep it on 6 South; 7 North needs aides on nights first."));
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).count()).isZero();
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).singleResult()
                .getEndActivityId()).isEqualTo(END_EVALUATED);
        assertThat(spreadUnits.active(key)).containsExactly("6 South", "7 North");
        String spreadText = knowledge.find(key, 1).orElseThrow().spread();
        assertThat(spreadText).contains("spread to 6 South, 7 North: Held on 6 South; did not hold on 7 North.",
                "Conclusion: Keep it on 6 South; 7 North needs aides on nights first.");

        JsonNode trail = rest.withBasicAuth("irb", "irb").getForEntity("/api/cycles/" + key + "/audit", JsonNode.class).getBody();
        JsonNode asked = StreamSupport.stream(trail.spliterator(), false).filter(e -> e.get("step").asText().equals("Spread requested")).findFirst().orElseThrow();
        assertThat(asked.get("by").asText()).isEqualTo("manager");
        assertThat(asked.get("recorded").get(SPREAD_UNITS).asText()).isEqualTo("6 South, 7 North");
        assertThat(StreamSupport.stream(trail.spliterator(), false).map(e -> e.get("recorded").path(SPREAD_OVERSIGHT).asText()))
                .anyMatch(text -> text.startsWith("No new review: the project is on the QI pathway and the change spreads to 6 South, 7 North unchanged"));
        assertThat(StreamSupport.stream(trail.spliterator(), false).map(e -> e.get("recorded").path(SPREAD_CONCLUSION).asText()))
                .contains("Keep it on 6 South; 7 North needs aides on nights first.");
    }

    @Test
    void onAnotherPathwayTheSpreadIsReviewedFirstAndARefusalLeavesTheUnitsFreeToAskAgain() {
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> research = plan();
        research.put(GENERALIZABLE_KNOWLEDGE, true);
        research.put(IDENTIFIABLE_DATA, true);
        planned(key, research);
        reviewed("irb", key, OversightReviewProcess.TASK_EXPEDITED_REVIEW, "APPROVE", null);
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 20, 10, 8), false);
        interpreted(key);
        decided(key, "ADOPT");

        // Tasklist's start form, as a manager
        Map<String, Object> form = new HashMap<>(Map.of(SPREAD_PROJECT, key, SPREAD_UNITS, "6 South", SPREAD_REASON, "Same patients, same nights"));
        String definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(KEY).latestVersion().singleResult().getId();
        as("manager", () -> formService.submitStartForm(definition, form));
        executeJobs(key);
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).as("no unit before the review").isEmpty();
        Task review = task(key, OversightReviewProcess.TASK_EXPEDITED_REVIEW);
        assertThat(taskService.getVariable(review.getId(), SPREAD_UNITS)).isEqualTo("6 South");
        reviewed("irb", key, OversightReviewProcess.TASK_EXPEDITED_REVIEW, "MODIFICATIONS_REQUIRED", "Name who screens on nights");
        executeJobs(key);
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).singleResult()
                .getEndActivityId()).isEqualTo(END_NOT_APPROVED);
        assertThat(spreadUnits.active(key)).isEmpty();
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).isEmpty();

        // asked again with the change: approved, the unit gets its rollout
        Map<String, Object> again = request(List.of("6 South"), "Same patients, same nights");
        again.put("changeAdapted", true);
        again.put("adaptation", "The night charge nurse screens");
        ResponseEntity<JsonNode> second = spread("manager", key, again);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getBody().get("oversight").asText()).isEqualTo("Oversight reviews the spread on the EXPEDITED pathway.");
        executeJobs(key);
        reviewed("irb", key, OversightReviewProcess.TASK_EXPEDITED_REVIEW, "APPROVE", null);
        executeJobs(key);
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).extracting(t -> taskService.getVariable(t.getId(), UNIT)).containsExactly("6 South");
        assertThat(reviewsOf(key)).isEqualTo(3);
        assertThat(spreadUnits.active(key)).containsExactly("6 South");
    }

    @Test
    void aSpreadIsRefusedWithAReasonUntilTheChangeIsAdoptedAndForUnitsItIsAlreadyOnAndStopsWithTheProject() {
        String approvedOnly = approved("lead");
        ResponseEntity<JsonNode> early = spread("manager", approvedOnly, request(List.of("6 South"), "Looks promising"));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(early.getBody().get("message").asText()).isEqualTo(approvedOnly
                + " has not adopted its change (cycle 1 is not decided yet): a change is spread after its adoption.");
        assertThat(spread("manager", "LC-1999-0042", request(List.of("6 South"), "Why not")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        String key = adopted("lead");
        assertThat(spread("lead", key, request(List.of("6 South"), "I would like it")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<JsonNode> already = spread("manager", key, request(List.of("5 East", "6 South"), "Everywhere"));
        assertThat(already.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(already.getBody().get("message").asText()).isEqualTo("The change is already on, or being spread to, 5 East. Name only new units.");
        ResponseEntity<JsonNode> noReason = spread("manager", key, request(List.of("6 South"), " "));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getBody().get("message").asText()).startsWith("Say why the change should spread to 6 South");
        assertThat(spread("manager", key, request(List.of(), "Everywhere")).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(spreadUnits.active(key)).as("nothing half-written by a refusal").isEmpty();

        assertThat(spread("manager", key, request(List.of("6 South"), "Same nights")).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<JsonNode> twice = spread("manager", key, request(List.of("7 North"), "And this one"));
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody().get("message").asText()).startsWith("A spread of " + key + " is under way (to 6 South)");
        org.springframework.http.HttpHeaders csv = new org.springframework.http.HttpHeaders();
        csv.setContentType(org.springframework.http.MediaType.parseMediaType("text/csv"));
        ResponseEntity<JsonNode> sameUnit = rest.withBasicAuth("lead", "lead").exchange("/api/cycles/" + key + "/measurements",
                org.springframework.http.HttpMethod.POST, new org.springframework.http.HttpEntity<>("period,numerator,denominator,unit\n"
                        + TODAY.minusWeeks(1) + ",20,100,6 South\n", csv), JsonNode.class);
        assertThat(sameUnit.getStatusCode()).as("the new unit's baseline data are taken").isEqualTo(HttpStatus.OK);

        // the lead withdraws the project: its change does not spread any further
        withdraw("lead", key, "The ward closes for refurbishment");
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).count()).isZero();
        assertThat(tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)).isEmpty();
        assertThat(spreadUnits.active(key)).isEmpty();
    }
}
