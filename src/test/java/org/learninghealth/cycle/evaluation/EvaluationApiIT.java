package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The evaluation preview and the cycle chart over HTTP, as the demo users. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluationApiIT extends CycleSteps {

    @Autowired TestRestTemplate rest;

    private ResponseEntity<JsonNode> preview(String user, Object body) {
        TestRestTemplate client = user == null ? rest : rest.withBasicAuth(user, user);
        return client.exchange("/api/evaluation/preview", HttpMethod.POST, new HttpEntity<>(body), JsonNode.class);
    }

    private static Map<String, Object> body(String type, String direction, Integer baselinePoints, List<Map<String, Object>> points) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("direction", direction);
        body.put("baselinePoints", baselinePoints);
        body.put("points", points);
        return body;
    }

    private static Map<String, Object> ratio(String period, double numerator, double denominator) {
        return new LinkedHashMap<>(Map.of("period", period, "numerator", numerator, "denominator", denominator));
    }

    private static String week(int n) {
        return TODAY.plusWeeks(n).toString();
    }

    private static String refusal(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        return response.getBody().get("message").asText();
    }

    @Test
    void montgomeryIChartThroughThePreview() throws IOException {
        List<Map<String, Object>> points = new ArrayList<>();
        for (CSVRecord row : ControlChartsTest.reference("montgomery-6.5-i-chart.csv")) {
            points.add(Map.of("period", week(Integer.parseInt(row.get("week"))), "value", Double.parseDouble(row.get("value"))));
        }
        JsonNode answer = preview("lead", body("continuous", "increase", 20, points)).getBody();

        assertThat(answer.get("chart").asText()).isEqualTo("i");
        assertThat(answer.get("centerLine").asDouble()).isCloseTo(300.5, within(5e-5));
        JsonNode first = answer.get("points").get(0);
        assertThat(first.get("period").asText()).isEqualTo(week(1));
        assertThat(first.get("lcl").asDouble()).isCloseTo(279.7833, within(5e-5));
        assertThat(first.get("ucl").asDouble()).isCloseTo(321.2167, within(5e-5));
        List<Integer> signals = new ArrayList<>();
        for (int i = 0; i < answer.get("points").size(); i++) {
            if (answer.get("points").get(i).get("signal").asBoolean()) {
                signals.add(i + 1);
            }
        }
        assertThat(signals).containsExactly(39, 40);
        assertThat(answer.get("movingRange").get("centerLine").asDouble()).isCloseTo(148.0 / 19, within(1e-9));
        JsonNode runs = answer.get("runs");
        assertThat(runs.get("median").asDouble()).isEqualTo(299.0);
        assertThat(runs.has("longestRun") && runs.has("longestRunLimit") && runs.has("crossings") && runs.has("crossingsLimit")
                && runs.has("signal")).isTrue();
        JsonNode comparison = answer.get("comparison");
        assertThat(comparison.get("test").asText()).isEqualTo("Welch t-test");
        assertThat(comparison.get("estimate").asDouble()).isCloseTo(comparison.get("intervention").asDouble() - comparison.get("baseline").asDouble(), within(1e-9));
        assertThat(comparison.has("ciLow") && comparison.has("ciHigh") && comparison.has("pValue")).isTrue();
        assertThat(answer.get("improvementSignal").asBoolean()).isTrue();
    }

    @Test
    void twoProportionsAndAnExcludedPointThroughThePreview() {
        List<Map<String, Object>> points = new ArrayList<>(List.of(ratio(week(0), 20, 150), ratio(week(1), 25, 150),
                ratio(week(2), 15, 155), ratio(week(3), 15, 155)));
        JsonNode answer = preview("manager", body("proportion", "decrease", 2, points)).getBody();
        assertThat(answer.get("chart").asText()).isEqualTo("p");
        assertThat(answer.get("centerLine").asDouble()).isCloseTo(0.15, within(1e-12));
        assertThat(answer.get("comparison").get("pValue").asDouble()).isCloseTo(0.045356, within(5e-7));
        assertThat(Math.abs(answer.get("comparison").get("statistic").asDouble())).isCloseTo(2.001341, within(5e-7));

        points.add(0, ratio(week(-1), 50, 150));
        points.get(0).put("excluded", true);
        JsonNode withExcluded = preview("manager", body("proportion", "decrease", 3, points)).getBody();
        assertThat(withExcluded.get("centerLine").asDouble()).as("the excluded point sets nothing").isCloseTo(0.15, within(1e-12));
        assertThat(withExcluded.get("points").get(0).get("excluded").asBoolean()).isTrue();
        assertThat(withExcluded.get("points").get(0).get("signal").asBoolean()).as("but it is judged").isTrue();
    }

    @Test
    void badSeriesAreRefusedNamingThePointAndTheProblem() {
        List<Map<String, Object>> good = List.of(ratio(week(0), 1, 10), ratio(week(1), 2, 10), ratio(week(2), 3, 10));
        assertThat(refusal(preview("lead", body("ratio", "decrease", 2, good)))).contains("Unknown measure type 'ratio'", "proportion, rate, count, continuous");
        assertThat(refusal(preview("lead", body("proportion", "sideways", 2, good)))).contains("Unknown improvement direction 'sideways'");
        assertThat(refusal(preview("lead", body("proportion", "decrease", 2, List.of(ratio(week(0), 1, 10)))))).contains("at least 2 points; found 1");
        assertThat(refusal(preview("lead", body("proportion", "decrease", 2, List.of(ratio(week(0), 1, 10), ratio(week(1), 12, 10))))))
                .contains("point 2 (" + week(1) + "): numerator 12.0 is larger than denominator 10.0");
        assertThat(refusal(preview("lead", body("rate", "decrease", 2, List.of(ratio(week(0), -1, 10), ratio(week(1), 1, 0))))))
                .contains("point 1 (" + week(0) + "): numerator -1.0 must be 0 or more", "point 2 (" + week(1) + "): denominator 0.0 must be greater than 0");
        assertThat(refusal(preview("lead", body("continuous", "decrease", 2, List.of(Map.of("period", week(0), "value", 3), Map.of("period", week(1)))))))
                .contains("point 2 (" + week(1) + "): value is missing");
        assertThat(refusal(preview("lead", body("count", "decrease", 2, List.of(Map.of("period", week(0), "value", 3), Map.of("period", week(1), "value", -2))))))
                .contains("point 2 (" + week(1) + "): count -2.0 must be a whole number");
        assertThat(refusal(preview("lead", body("proportion", "decrease", 2, List.of(ratio(week(0), 1, 10), ratio(week(0), 2, 10))))))
                .contains("point 2: period " + week(0) + " appears twice (also point 1)");
        assertThat(refusal(preview("lead", body("proportion", "decrease", 2, List.of(ratio("last week", 1, 10), ratio(week(1), 2, 10))))))
                .contains("point 1 (last week): period 'last week' is not a date");
        assertThat(refusal(preview("lead", body("proportion", "decrease", 9, good)))).contains("baselinePoints 9 must be between 2 and the number of points (3)");
        assertThat(refusal(preview("lead", body("proportion", "decrease", null, good)))).contains("baselinePoints is missing");
        ResponseEntity<JsonNode> notJson = rest.withBasicAuth("lead", "lead").exchange("/api/evaluation/preview", HttpMethod.POST,
                new HttpEntity<>("{\"type\": \"proportion\", \"points\": [}"), JsonNode.class);
        assertThat(notJson.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(preview(null, body("proportion", "decrease", 2, good)).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void phasesFreezingRulesAndIconsThroughThePreview() throws IOException {
        // NHSRplotthedots: rebase at point 20, both phases fixed after 12 points, decrease is better, target 9
        List<CSVRecord> rows = ControlChartsTest.reference("nhsrplotthedots-two-phases.csv");
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            points.add(Map.of("period", week(i), "value", Double.parseDouble(rows.get(i).get("y"))));
        }
        Map<String, Object> body = body("continuous", "decrease", null, points);
        body.put("phases", List.of(20));
        body.put("freezePoints", List.of(12, 12));
        body.put("rules", "nhs-mdc");
        body.put("target", 9);
        JsonNode answer = preview("lead", body).getBody();

        assertThat(answer.get("chart").asText()).isEqualTo("xmr");
        assertThat(answer.get("rules").asText()).isEqualTo("nhs-mdc");
        assertThat(answer.get("variationIcon").asText()).isEqualTo("common-cause");
        assertThat(answer.get("assuranceIcon").asText()).isEqualTo("hit-and-miss");
        assertThat(answer.get("phases")).hasSize(2);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode p = answer.get("points").get(i);
            assertThat(p.get("phase").asInt()).isEqualTo(Integer.parseInt(rows.get(i).get("phase")));
            assertThat(p.get("centerLine").asDouble()).isCloseTo(Double.parseDouble(rows.get(i).get("mean")), within(5e-5));
            assertThat(p.get("lcl").asDouble()).isCloseTo(Double.parseDouble(rows.get(i).get("lpl")), within(5e-5));
            assertThat(p.get("ucl").asDouble()).isCloseTo(Double.parseDouble(rows.get(i).get("upl")), within(5e-5));
        }
        assertThat(answer.get("points").get(29).get("rules").get(0).asText()).isEqualTo("trend");
        assertThat(answer.get("points").get(37).get("rules").get(0).asText()).isEqualTo("outside-limits");

        // the same series with Anhøj's rules: I chart, its run analysis names the rules per point
        body.put("rules", "anhoej");
        JsonNode anhoej = preview("lead", body).getBody();
        assertThat(anhoej.get("chart").asText()).isEqualTo("i");
        assertThat(anhoej.get("points").get(37).get("rules").toString()).contains("outside-limits");
        assertThat(anhoej.get("runs").get("longestRunLimit").asInt()).isPositive();

        body.put("phases", List.of(20, 20));
        assertThat(refusal(preview("lead", body))).contains("phase starts must increase");
        body.put("phases", List.of(20));
        body.put("rules", "western-electric");
        assertThat(refusal(preview("lead", body))).contains("Unknown rule set 'western-electric'; expected one of [anhoej, nhs-mdc]");
    }

    @Test
    void negativeValuesAndRareEventsThroughThePreview() {
        List<Map<String, Object>> points = new ArrayList<>();
        double[] change = {-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499, 0.46091621, -1.26506123};
        for (int i = 0; i < change.length; i++) {
            points.add(Map.of("period", week(i), "value", change[i]));
        }
        assertThat(preview("lead", body("continuous", "increase", 4, points)).getStatusCode()).isEqualTo(HttpStatus.OK);

        // days between deaths as the dates of the deaths (qicharts2's cabg): the first date starts the clock
        List<Map<String, Object>> deaths = new ArrayList<>();
        for (String date : List.of("2011-07-21", "2011-08-06", "2011-08-26", "2011-08-31", "2011-09-13", "2011-10-04", "2011-10-09")) {
            deaths.add(Map.of("period", date));
        }
        Map<String, Object> days = body("days-between-events", null, 3, deaths);
        ResponseEntity<JsonNode> t = preview("lead", days);
        assertThat(t.getStatusCode()).as("%s", t.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(t.getBody().get("chart").asText()).isEqualTo("t");
        assertThat(t.getBody().get("points")).hasSize(6);
        assertThat(t.getBody().get("points").get(0).get("value").asDouble()).isEqualTo(16.0);
        assertThat(t.getBody().get("comparison").get("estimateType").asText()).isEqualTo("ratio of mean gaps");
        assertThat(refusal(preview("lead", body("cases-between-events", "decrease", 3, deaths))))
                .contains("more between events is better");
    }

    @Test
    void thePreviewDrawsItsChart() throws IOException {
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(ratio(week(i), i < 10 ? 20 + i % 3 : 8 + i % 3, 100));
        }
        ResponseEntity<byte[]> png = rest.withBasicAuth("lead", "lead").exchange(
                "/api/evaluation/preview.png?title=Pressure injuries&measure=Patients with a pressure injury", HttpMethod.POST,
                new HttpEntity<>(body("proportion", "decrease", 10, points)), byte[].class);
        assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH);
    }

    @Test
    void aCyclesChartIsDownloadableOnceItHasMeasurements() throws IOException {
        String key = throughEvaluation("lead", 20, 8);
        ResponseEntity<byte[]> png = rest.withBasicAuth("manager", "manager").getForEntity("/api/cycles/" + key + "/chart.png", byte[].class);
        assertThat(png.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(png.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(png.getHeaders().getCacheControl()).isEqualTo("no-store");
        java.nio.file.Files.write(java.nio.file.Path.of("target/cycle-chart.png"), png.getBody());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.getBody()));
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        assertThat(ChartRendererTest.pixels(image, 0x6a3d9a)).as("go-live markers of the units").isPositive();
        assertThat(ChartRendererTest.pixels(image, 0x1a7f37)).as("the drop from 20% to 8% shows as improvement signals").isPositive();

        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + key + "/chart.png?cycle=2", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/LC-1999-0001/chart.png", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        String fresh = started("lead");
        ResponseEntity<String> none = rest.withBasicAuth("lead", "lead").getForEntity("/api/cycles/" + fresh + "/chart.png", String.class);
        assertThat(none.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(none.getBody()).contains("No measurements are stored for " + fresh + " cycle 1 yet.");
        assertThat(rest.getForEntity("/api/cycles/" + key + "/chart.png", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
