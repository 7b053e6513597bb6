package org.learninghealth.cycle.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The portfolio, its filters and roles, and lead times over history built under a moved clock. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioApiIT extends CycleSteps {

    @Autowired TestRestTemplate rest;

    private JsonNode get(String user, String path) {
        ResponseEntity<JsonNode> response = rest.withBasicAuth(user, user).getForEntity(path, JsonNode.class);
        assertThat(response.getStatusCode()).as("%s %s: %s", user, path, response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static JsonNode row(JsonNode rows, String key) {
        return StreamSupport.stream(rows.spliterator(), false).filter(r -> r.get("projectKey").asText().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + rows));
    }

    private static List<String> keys(JsonNode rows) {
        List<String> keys = new ArrayList<>();
        rows.forEach(r -> keys.add(r.get("projectKey").asText()));
        return keys;
    }

    @Test
    void everyColumnFilterAndRole() {
        String adopted = throughEvaluation("lead", 20, 8);                 // moves the clock on by the measurement period
        decided(adopted, "ADOPT");
        String declined = started("lead");
        triage(declined, "DECLINE", "Covered elsewhere");
        String triageDue = ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().plusDays(5).toString();
        String waiting = started("lead");                                   // at triage, on the managers
        String planning = started("lead");
        acceptedWithEvidence(planning);                                     // at planning, on the lead
        String others = started("irblead");                                 // another lead's project
        moveClock(Duration.ofDays(6));                                      // triage is due after 5 days

        JsonNode all = get("manager", "/api/portfolio");
        assertThat(keys(all)).contains(waiting, planning, others, adopted, declined);
        JsonNode w = row(all, waiting);
        assertThat(w.get("title").asText()).isEqualTo("Falls on the medical wards");
        assertThat(w.get("lead").asText()).isEqualTo("lead");
        assertThat(w.get("units").asText()).isEqualTo("4 West, 5 East");
        assertThat(w.get("status").asText()).isEqualTo("open");
        assertThat(w.get("stages")).extracting(JsonNode::asText).containsExactly("Triage");
        assertThat(w.get("waitingOn")).extracting(JsonNode::asText).containsExactly("managers");
        assertThat(w.get("daysInStage").asLong()).isEqualTo(6);
        assertThat(java.time.Instant.parse(w.get("stageSince").asText())).isEqualTo(java.time.Instant.parse(w.get("started").asText()));
        assertThat(w.has("ended")).isFalse();
        assertThat(w.get("overdue").asBoolean()).isTrue();
        assertThat(w.get("dueDate").asText()).startsWith(triageDue);
        assertThat(w.get("cycleNumber").asInt()).isEqualTo(1);
        assertThat(w.get("cockpitLink").asText()).isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + w.get("processInstanceId").asText() + "/runtime");
        JsonNode p = row(all, planning);
        assertThat(p.get("stages")).extracting(JsonNode::asText).containsExactly("Evidence and planning");
        assertThat(p.get("waitingOn")).extracting(JsonNode::asText).containsExactly("lead");
        JsonNode a = row(all, adopted);                                     // adopted: monitored from now on
        assertThat(a.get("status").asText()).isEqualTo("open");
        assertThat(a.get("stages")).extracting(JsonNode::asText).containsExactly("Sustaining");
        assertThat(a.get("waitingOn")).extracting(JsonNode::asText).containsExactly("system");
        assertThat(a.get("decision").asText()).isEqualTo("ADOPT");
        assertThat(a.get("monthsSustained").asLong()).isZero();
        assertThat(a.get("variationIcon").get("code").asText()).isEqualTo("improvement-low");
        assertThat(a.get("variationIcon").get("text").asText()).isNotBlank();
        assertThat(a.get("variationIcon").get("svg").asText()).isEqualTo("/api/evaluation/icons/improvement-low.svg");
        assertThat(a.has("sustainOutcome") || a.has("dueDate") || a.has("ended")).isFalse();
        assertThat(a.get("recommendation").asText()).isEqualTo("ADOPT");
        assertThat(a.get("oversightPathway").asText()).isEqualTo("QI");
        assertThat(a.get("lastEvaluation").asText()).startsWith("Proportion: baseline 20.0%");
        assertThat(a.get("overdue").asBoolean()).isFalse();
        JsonNode d = row(all, declined);
        assertThat(d.get("status").asText()).isEqualTo("ended");
        assertThat(d.get("decision").asText()).isEqualTo("DECLINED");
        assertThat(java.time.Instant.parse(d.get("ended").asText())).isAfterOrEqualTo(java.time.Instant.parse(d.get("started").asText()));
        assertThat(d.has("daysInStage") || d.has("dueDate") || d.has("stageSince") || d.has("monthsSustained")).isFalse();
        assertThat(d.get("stages")).isEmpty();
        assertThat(d.has("cockpitLink")).as("no Cockpit runtime view for an ended project").isFalse();
        assertThat(d.get("overdue").asBoolean()).isFalse();

        // a lead sees own projects only; other roles are refused; nobody anonymous
        assertThat(keys(get("lead", "/api/portfolio"))).contains(waiting, adopted).doesNotContain(others);
        assertThat(keys(get("irblead", "/api/portfolio"))).contains(others).doesNotContain(waiting);
        assertThat(rest.withBasicAuth("champion", "champion").getForEntity("/api/portfolio", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/portfolio", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        // filters and sorting
        assertThat(keys(get("manager", "/api/portfolio?stage=Triage"))).contains(waiting, others).doesNotContain(planning, adopted);
        assertThat(keys(get("manager", "/api/portfolio?stage=EVIDENCE_AND_PLANNING"))).contains(planning).doesNotContain(waiting);
        assertThat(keys(get("manager", "/api/portfolio?status=ended"))).contains(declined).doesNotContain(waiting, adopted);
        assertThat(keys(get("manager", "/api/portfolio?stage=Sustaining"))).contains(adopted).doesNotContain(waiting, declined);
        assertThat(keys(get("manager", "/api/portfolio?pathway=QI"))).contains(adopted).doesNotContain(waiting);
        assertThat(keys(get("manager", "/api/portfolio?overdue=true"))).contains(waiting, others).doesNotContain(planning, adopted);
        // a page at a time, with the number that match; the CSV export has them all
        ResponseEntity<JsonNode> first = rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?sort=projectKey&page=1&size=2", JsonNode.class);
        ResponseEntity<JsonNode> second = rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?sort=projectKey&page=2&size=2", JsonNode.class);
        List<String> byKey = keys(all).stream().sorted().toList();
        assertThat(keys(first.getBody())).containsExactlyElementsOf(byKey.subList(0, 2));
        assertThat(keys(second.getBody())).containsExactlyElementsOf(byKey.subList(2, 4));
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(all.size()));
        assertThat(get("manager", "/api/portfolio?page=99&size=2")).isEmpty();
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?format=csv&size=2", String.class).getBody().lines().count())
                .isEqualTo(all.size() + 1L);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?size=5000", JsonNode.class).getBody().get("message").asText())
                .contains("size must be between 1 and 2000");
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?page=0", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        // the icons the rows point to, for every role; an unknown one is refused with the list
        ResponseEntity<String> icon = rest.withBasicAuth("champion", "champion").getForEntity("/api/evaluation/icons/improvement-low.svg", String.class);
        assertThat(icon.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(icon.getHeaders().getContentType().toString()).startsWith("image/svg+xml");
        assertThat(icon.getBody()).startsWith("<svg").contains("</svg>");
        ResponseEntity<JsonNode> unknown = rest.withBasicAuth("lead", "lead").getForEntity("/api/evaluation/icons/sunny.svg", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getBody().get("message").asText()).contains("No icon 'sunny'", "common-cause", "hit-and-miss");
        assertThat(rest.getForEntity("/api/evaluation/icons/pass.svg", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        // adopted changes still sustained a year on: none adopted a year before today, all of them a year later
        JsonNode now = get("manager", "/api/portfolio/sustained");
        assertThat(now.get("months").asInt()).isEqualTo(12);
        JsonNode later = get("manager", "/api/portfolio/sustained?asOf=2040-01-01");
        assertThat(later.get("adoptedBy").asText()).isEqualTo("2039-01-01");
        assertThat(later.get("adopted").asInt()).isGreaterThanOrEqualTo(1).isGreaterThanOrEqualTo(now.get("adopted").asInt());
        assertThat(later.get("share").asDouble()).isEqualTo(later.get("sustained").asDouble() / later.get("adopted").asInt());
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/portfolio/sustained", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio/sustained?asOf=soon", JsonNode.class).getBody()
                .get("message").asText()).contains("asOf");
        assertThat(keys(get("manager", "/api/portfolio?unit=5 east&status=open"))).contains(waiting, planning, adopted).doesNotContain(declined);
        JsonNode byDays = get("manager", "/api/portfolio?status=open&sort=daysInStage&order=desc");
        List<Long> days = new ArrayList<>();
        byDays.forEach(r -> days.add(r.path("daysInStage").isNumber() ? r.get("daysInStage").asLong() : -1));
        assertThat(days).isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?sort=colour", JsonNode.class).getBody().get("message").asText())
                .contains("Cannot sort by 'colour'", "daysInStage");
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio?stage=limbo", JsonNode.class).getBody().get("message").asText())
                .contains("Unknown stage 'limbo'", "Triage");

        // CSV export
        ResponseEntity<String> csv = rest.withBasicAuth("lead", "lead").getForEntity("/api/portfolio?format=csv&status=ended", String.class);
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getBody().lines().findFirst().orElseThrow()).isEqualTo(String.join(",", PortfolioController.CSV_COLUMNS));
        assertThat(csv.getBody()).contains(declined + ",Falls on the medical wards,lead,\"4 West, 5 East\",ended,").doesNotContain(adopted);

        // the timeline of one project
        JsonNode timeline = get("manager", "/api/portfolio/" + adopted + "/timeline");
        assertThat(timeline.get(0).get("stage").asText()).isEqualTo("Triage");
        assertThat(timeline.findValuesAsText("stage")).contains("Oversight review", "Rollout", "Measurement", "Evaluation and decision", "Sustaining");
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/portfolio/" + others + "/timeline", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** One project with known waits (days) in each stage; the clock moves on as it runs. */
    private void projectTaking(int triage, int plan, int review, int decide) {
        String key = started("lead");
        moveClock(Duration.ofDays(triage));
        acceptedWithEvidence(key);
        moveClock(Duration.ofDays(plan));
        planned(key, plan());
        executeJobs(key);
        moveClock(Duration.ofDays(review));
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        rolledOut(key, ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.systemDefault()).toLocalDate());
        measurementPeriodOver(key, 12);                                     // the timer fires after 85 days
        measurementsSubmitted(key, weeklyProportions(ClockUtil.getCurrentTime().toInstant().atZone(java.time.ZoneId.systemDefault())
                .toLocalDate().minusDays(85), 10, 20, 10, 8), false);
        interpreted(key);
        moveClock(Duration.ofDays(decide));
        decided(key, "ADOPT");
        assertThat(history(key)).contains(LearningCycleProcess.TASK_DECIDE);
    }

    @Test
    void leadTimesPerStageWithPercentilesBottleneckAndQuarters() {
        ClockUtil.setCurrentTime(date(LocalDate.of(2030, 1, 7)));
        projectTaking(1, 3, 5, 1);
        projectTaking(2, 3, 10, 1);
        projectTaking(4, 6, 20, 2);

        JsonNode times = get("manager", "/api/portfolio/lead-times?from=2030-01-01&to=2031-12-31");
        // hand-computed, percentiles interpolated between ranks (R type 7): [1,2,4] -> median 2, p75 3
        assertStage(times, "Triage", null, 2, 3, 3);
        assertStage(times, "Evidence and planning", null, 3, 4.5, 3);
        assertStage(times, "Oversight review", null, 10, 15, 3);
        assertStage(times, "Oversight review", "QI", 10, 15, 3);
        assertStage(times, "Rollout", null, 0, 0, 3);
        assertStage(times, "Measurement", null, 85, 85, 3);
        assertStage(times, "Evaluation and decision", null, 1, 1.5, 3);
        // totals 1+3+5+85+1 = 95, 2+3+10+85+1 = 101, 4+6+20+85+2 = 117
        assertThat(times.get("total").get("medianDays").asDouble()).isCloseTo(101, within(0.01));
        assertThat(times.get("total").get("p75Days").asDouble()).isCloseTo(109, within(0.01));
        assertThat(times.get("total").get("count").asInt()).isEqualTo(3);
        assertThat(times.get("bottleneck").asText()).isEqualTo("Measurement");
        int decisions = 0;
        for (JsonNode quarter : times.get("quarters")) {
            assertThat(quarter.get("quarter").asText()).matches("203[01]-Q[1-4]");
            decisions += quarter.get("decisions").asInt();
        }
        assertThat(decisions).isEqualTo(3);
        assertThat(times.get("quarters").get(0).get("quarter").asText()).isEqualTo("2030-Q1");

        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/portfolio/lead-times", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio/lead-times?from=2031-01-01&to=2030-01-01", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static void assertStage(JsonNode times, String stage, String pathway, double median, double p75, int count) {
        JsonNode s = StreamSupport.stream(times.get("stages").spliterator(), false)
                .filter(n -> n.get("stage").asText().equals(stage) && (pathway == null ? n.path("pathway").isMissingNode() || n.path("pathway").isNull() : pathway.equals(n.path("pathway").asText())))
                .findFirst().orElseThrow(() -> new AssertionError(stage + " " + pathway + " not in " + times));
        assertThat(s.get("medianDays").asDouble()).as("median of %s %s", stage, pathway).isCloseTo(median, within(0.01));
        assertThat(s.get("p75Days").asDouble()).as("p75 of %s %s", stage, pathway).isCloseTo(p75, within(0.01));
        assertThat(s.get("count").asInt()).as("count of %s %s", stage, pathway).isEqualTo(count);
    }
}
