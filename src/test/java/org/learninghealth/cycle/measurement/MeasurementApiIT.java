package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.evaluation.ChartPoint;
import org.learninghealth.cycle.evaluation.ControlChart;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.PerUnitEvaluation;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The data API for every content type and role, the one merge behind it (re-sent periods keep their earlier values,
 * refusals store nothing) and the per-unit evaluation of a stepped-wedge rollout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "learning-cycle.measurement.max-upload-size=1MB")
class MeasurementApiIT extends CycleSteps {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired TestRestTemplate rest;
    @Autowired JdbcTemplate jdbc;
    @Autowired PerUnitEvaluation perUnit;

    ResponseEntity<JsonNode> send(String user, String key, String contentType, byte[] body) {
        return send(user, key, "", contentType, body);
    }

    ResponseEntity<JsonNode> send(String user, String key, String query, String contentType, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(contentType));
        return rest.withBasicAuth(user, user).exchange("/api/cycles/" + key + "/measurements" + query, HttpMethod.POST, new HttpEntity<>(body, headers),
                JsonNode.class);
    }

    ResponseEntity<JsonNode> send(String user, String key, String contentType, String body) {
        return send(user, key, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    int rows() {
        return jdbc.queryForObject("select count(*) from measurement", Integer.class);
    }

    @Test
    void eachContentTypeStoresAndSaysWhatItDidAndAResentPeriodKeepsItsEarlierValue() throws Exception {
        ensureUser("analyst2", "data-analysts");
        String key = waitingForMeasurements("lead");
        ResponseEntity<JsonNode> csv = send("analyst2", key, "text/csv", "period,unit,numerator,denominator\n2026-01-05,4 West,12,50\n2026-01-05,5 East,9,40\n");
        assertThat(csv.getStatusCode().value()).as("%s", csv.getBody()).isEqualTo(200);
        assertThat(csv.getBody().get("stored").asInt()).isEqualTo(2);
        assertThat(csv.getBody().get("from").asText()).isEqualTo("2026-01-05");
        assertThat(csv.getBody().get("units").toString()).isEqualTo("[\"4 West\",\"5 East\"]");

        JsonNode tsv = send("lead", key, "text/tab-separated-values", "2026-01-12\t10\t50\t4 West\n2026-01-05\t13\t50\t4 West\n").getBody();
        assertThat(tsv.get("stored").asInt()).isEqualTo(1);
        assertThat(tsv.get("updated").asInt()).isEqualTo(1);
        JsonNode json = send("manager", key, "application/json", "[{\"period\":\"2026-01-19\",\"numerator\":8,\"denominator\":50,\"unit\":\"4 West\","
                + "\"note\":\"new bed alarms\"},{\"period\":\"2026-01-12\",\"numerator\":10,\"denominator\":50,\"unit\":\"4 West\"}]").getBody();
        assertThat(json.get("stored").asInt()).isEqualTo(1);
        assertThat(json.get("unchanged").asInt()).as("a nightly export sends its history again").isEqualTo(1);
        assertThat(send("admin", key, XLSX, XlsxTableTest.fallsWorkbook()).getBody().get("message").asText())
                .as("the first sheet is a note to the reader").contains("sheet 'Read me' row 1: period 'Falls per unit, weekly' is not a date");
        JsonNode xlsx = send("admin", key, "?sheet=Falls", XLSX, XlsxTableTest.fallsWorkbook()).getBody();
        assertThat(xlsx.get("updated").asInt()).as("%s", xlsx).isEqualTo(3);

        JsonNode stored = rest.withBasicAuth("analyst2", "analyst2").getForEntity("/api/cycles/" + key + "/measurements", JsonNode.class).getBody();
        JsonNode resent = StreamSupport.stream(stored.spliterator(), false)
                .filter(r -> r.get("period").asText().equals("2026-01-05") && r.path("unit").asText().equals("4 West")).findFirst().orElseThrow();
        assertThat(resent.get("recordedBy").asText()).isEqualTo("admin");
        assertThat(stored.findValuesAsText("note")).contains("new bed alarms");
        String csvOut = rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/measurements?format=csv", String.class).getBody();
        assertThat(csvOut).startsWith("period,unit,numerator,denominator,value,note,excluded,recordedBy,recordedAt").contains("2026-01-19,4 West,8.0,50.0,,new bed alarms,false,manager");

        // the audit trail: every submission, and the values a re-sent period replaced with who had sent them
        JsonNode trail = rest.withBasicAuth("irb", "irb").getForEntity("/api/cycles/" + key + "/audit", JsonNode.class).getBody();
        List<JsonNode> received = StreamSupport.stream(trail.spliterator(), false).filter(e -> e.get("step").asText().equals("Measurements received")).toList();
        assertThat(received).extracting(e -> e.get("by").asText()).containsExactly("analyst2", "lead", "manager", "admin");
        assertThat(received.get(1).get("recorded").get("replaced").asText()).contains("2026-01-05 4 West was 12.0/50.0 from analyst2");
        assertThat(received.get(3).get("recorded").get("file")).isNull();

        // the open task shows what is stored, and completes with an empty paste
        Task submit = task(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS);
        assertThat((String) taskService.getVariableLocal(submit.getId(), MEASUREMENTS_STORED)).startsWith("Stored for cycle 1: ").contains("4 West", "by admin");
    }

    @Test
    void aBadSubmissionNamesEveryRowAndStoresNothing() {
        String key = waitingForMeasurements("lead");
        send("lead", key, "text/csv", "2026-01-05,12,50");
        int before = rows();
        ResponseEntity<JsonNode> bad = send("lead", key, "text/csv", "period;numerator;denominator;unit\n2026-01-12;12;50;4 West\n2026-01-19;60;50;\n2026-01-26;1;50;ICU");
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().get("problems").toString()).contains("line 3: numerator 60 is larger than denominator 50",
                "line 4: unit 'ICU' is not one of the project's units (4 West, 5 East)");
        ResponseEntity<JsonNode> json = send("lead", key, "application/json", "[{\"period\":\"2026-02-02\",\"numerator\":1,\"denominator\":50,\"ward\":\"x\"}]");
        assertThat(json.getBody().get("message").asText()).contains("point 1: the field 'ward' is not one of period, numerator, denominator, unit, note, excluded");
        assertThat(send("lead", key, "application/json", "{\"period\": 1}").getBody().get("message").asText()).contains("must be a JSON list of points");
        assertThat(send("lead", key, XLSX, "not a workbook").getBody().get("message").asText()).contains("not an Excel workbook");
        assertThat(send("lead", key, "application/fhir+json", "{\"resourceType\":\"Patient\"}").getBody().get("message").asText())
                .contains("a FHIR Patient; send a MeasureReport or a Bundle");
        assertThat(send("lead", key, "application/pdf", "%PDF").getStatusCode().value()).isEqualTo(415);
        assertThat(send("lead", key, "text/csv", "").getStatusCode().value()).isEqualTo(400);
        ResponseEntity<JsonNode> huge = send("lead", key, "text/csv", "2026-01-05,12,50\n".repeat(70_000));
        assertThat(huge.getStatusCode().value()).isEqualTo(413);
        assertThat(huge.getBody().get("message").asText()).contains("larger than 1 MB");
        assertThat(rows()).as("nothing of a refused submission is stored").isEqualTo(before);
        assertThat(rest.withBasicAuth("lead", "lead").exchange("/api/cycles/" + key + "/measurements?cycle=3", HttpMethod.GET, null, JsonNode.class)
                .getBody().get("message").asText()).contains("cycle 3 does not exist");
    }

    @Test
    void whoMaySendAndWhoMayRead() {
        ensureUser("otherlead", "project-leads");
        ensureUser("analyst2", "data-analysts");
        String key = waitingForMeasurements("lead");
        for (String sender : List.of("lead", "manager", "admin", "analyst2")) {
            assertThat(send(sender, key, "text/csv", "2026-01-05,12,50").getStatusCode().value()).as(sender).isEqualTo(200);
        }
        for (String refused : List.of("otherlead", "irb", "champion")) {
            ResponseEntity<JsonNode> answer = send(refused, key, "text/csv", "2026-01-05,12,50");
            assertThat(answer.getStatusCode().value()).as(refused).isEqualTo(403);
            assertThat(answer.getBody().get("message").asText()).contains("Only the project's lead, managers, data analysts and administrators");
        }
        assertThat(send("lead", "LC-1999-0001", "text/csv", "2026-01-05,12,50").getStatusCode().value()).isEqualTo(404);
        assertThat(rest.withBasicAuth("irb", "irb").getForEntity("/api/cycles/" + key + "/measurements", String.class).getStatusCode().value()).isEqualTo(200);
        assertThat(rest.withBasicAuth("champion", "champion").getForEntity("/api/cycles/" + key + "/measurements", String.class).getStatusCode().value())
                .isEqualTo(403);
        assertThat(rest.getForEntity("/api/cycles/" + key + "/measurements", String.class).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void fhirMeasureReportsStratifiedByUnitAndBundles() {
        String key = waitingForMeasurements("lead");
        String report = FhirMeasureReportsTest.report("mr-1", "2026-01-05", "2026-01-11", "decrease", 20, 300,
                Map.of("4 West", new int[] {12, 100}, "5 East", new int[] {8, 200}));
        JsonNode one = send("analyst", key, "application/fhir+json", report).getBody();
        assertThat(one.get("stored").asInt()).as("%s", one).isEqualTo(2);
        assertThat(one.get("units").toString()).isEqualTo("[\"4 West\",\"5 East\"]");
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":"
                + FhirMeasureReportsTest.report("mr-2", "2026-01-12", "2026-01-18", "increase", 7, 100, Map.of()) + "}]}";
        JsonNode many = send("analyst", key, "application/fhir+json", bundle).getBody();
        assertThat(many.get("stored").asInt()).isEqualTo(1);
        assertThat(many.get("units").toString()).isEqualTo("[\"all units\"]");
        assertThat(many.get("warnings").get(0).asText()).contains("MeasureReport 'mr-2': its improvementNotation is 'increase' but the project's measure improves by decrease");
    }

    /**
     * A two-unit stepped wedge: 4 West goes live eight weeks before 5 East. Each unit's centre line and limits come
     * from its own weeks before its own go-live (p chart, 3 sigma), computed by hand:
     * 4 West p = 80/800 = 0.1, sigma = sqrt(0.1 * 0.9 / 100) = 0.03, limits 0.01 and 0.19;
     * 5 East p = 480/3200 = 0.15, sigma = sqrt(0.15 * 0.85 / 200) = 0.0252488, limits 0.0742537 and 0.2257464.
     * The project as a whole (units summed) takes the 8 weeks before the first go-live: p = 320/2400 = 0.1333333.
     */
    @Test
    void eachUnitIsJudgedAgainstItsOwnGoLiveInASteppedWedge() {
        String key = approved("lead");
        LocalDate westLive = TODAY.minusWeeks(8);
        for (Task t : tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE)) {
            String unit = (String) taskService.getVariable(t.getId(), UNIT);
            Map<String, Object> v = new HashMap<>();
            v.put(UnitRolloutProcess.GO_LIVE_DATE, (unit.equals("4 West") ? westLive : TODAY).toString());
            completeTask("champion", t, v);
        }
        executeJobs(key);
        measurementPeriodOver(key, 12);
        int[] west = {10, 12, 8, 10, 11, 9, 10, 10};
        int[] east = {30, 34, 26, 30, 32, 28, 30, 30};
        StringBuilder csv = new StringBuilder("unit,period,numerator,denominator,note\n");
        LocalDate start = westLive.minusWeeks(8);
        for (int w = 0; w < 28; w++) {
            LocalDate week = start.plusWeeks(w);
            csv.append("4 West,").append(week).append(',').append(w < 8 ? west[w] : 4 + w % 2).append(",100,").append(w == 9 ? "bed alarms fixed" : "").append('\n');
            csv.append("5 East,").append(week).append(',').append(east[w % 8]).append(",200,\n");
        }
        assertThat(send("analyst", key, "text/csv", csv.toString()).getStatusCode().value()).isEqualTo(200);

        List<PerUnitEvaluation.UnitResult> units = perUnit.evaluate(key, 1, MeasureType.PROPORTION, Direction.DECREASE, 0.10, null);
        ControlChart westChart = units.get(0).result().chart();
        assertThat(units.get(0).unit()).isEqualTo("4 West");
        assertThat(units.get(0).result().baselinePeriods()).isEqualTo(8);
        assertThat(westChart.centerLine()).isCloseTo(0.1, within(1e-4));
        ChartPoint firstWest = westChart.points().get(0);
        assertThat(firstWest.ucl()).isCloseTo(0.19, within(1e-4));
        assertThat(firstWest.lcl()).isCloseTo(0.01, within(1e-4));
        ControlChart eastChart = units.get(1).result().chart();
        assertThat(units.get(1).result().baselinePeriods()).isEqualTo(16);
        assertThat(eastChart.centerLine()).isCloseTo(0.15, within(1e-4));
        assertThat(eastChart.points().get(0).ucl()).isCloseTo(0.2257464, within(1e-4));
        assertThat(eastChart.points().get(0).lcl()).isCloseTo(0.0742537, within(1e-4));
        assertThat(units.get(0).improvedWithEvidence()).isTrue();
        assertThat(units.get(1).improvedWithEvidence()).isFalse();

        // through the cycle: the data came by API, so the lead completes with an empty paste
        measurementsSubmitted(key, "", false);
        Map<String, Object> v = runtimeService.getVariables(task(key, LearningCycleProcess.TASK_INTERPRET).getExecutionId());
        assertThat((String) v.get(EVALUATION_SUMMARY)).contains("Per unit, each against its own baseline before its own go-live: 4 West improved: 10.0% ->",
                "5 East did not improve: 15.0% -> 15.0% since its go-live on " + TODAY);
        assertThat((String) v.get(RECOMMENDATION_REASON)).endsWith("Improved on its own chart: 4 West.");
        assertThat(v.get(UNIT_CHARTS)).isEqualTo(true);

        ResponseEntity<byte[]> westPng = rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/chart.png?unit=4 west", byte[].class);
        assertThat(westPng.getStatusCode().value()).isEqualTo(200);
        assertThat(westPng.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/units.png", byte[].class).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> icu = rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/chart.png?unit=ICU", String.class);
        assertThat(icu.getStatusCode().value()).isEqualTo(404);
        assertThat(icu.getBody()).contains("units with data: 4 West, 5 East");

        interpreted(key);
        decided(key, "ADOPT");
        String result = jdbc.queryForObject("select result from knowledge_record where project_key = ?", String.class, key);
        assertThat(result).as("notes are carried into the knowledge record").contains("Notes on the data: " + start.plusWeeks(9) + " (4 West): bed alarms fixed");
    }

    @Test
    void theLeadMayNotCompleteWithAnEmptyPasteWhileNothingIsStored() {
        String key = waitingForMeasurements("lead");
        Map<String, Object> v = new HashMap<>();
        v.put(MEASUREMENT_CSV, "");
        v.put(BALANCING_MEASURE_HARMED, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, v))
                .hasMessageContaining("no data yet: paste one line per period, or upload a file on the project's measurements page (/projects/" + key);
        // a copy of two columns from Excel (tab-separated, European decimal commas are fine too)
        v.put(MEASUREMENT_CSV, "Period\tNumerator\tDenominator\n" + String.join("\n", java.util.stream.IntStream.range(0, 20)
                .mapToObj(w -> TODAY.minusWeeks(10).plusWeeks(w) + "\t" + (w < 10 ? 20 : 8) + "\t100").toList()));
        complete("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, v);
        assertThat(jdbc.queryForObject("select count(*) from measurement where project_key = ?", Integer.class, key)).isEqualTo(20);
        assertThat(tasks(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS)).isEmpty();
    }
}
