package org.learninghealth.cycle.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import java.util.stream.StreamSupport;
import org.learninghealth.cycle.knowledge.EvidenceUses;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.learninghealth.cycle.project.CycleVariables.*;


/**
 * The evidence step of real cycles with PubMed turned on against a local stand-in for E-utilities: what one cycle
 * learned comes first for the next related challenge, the literature comes with links, a literature outage leaves
 * the project going with local evidence and a notice, the lead refines the query and looks again, and the evidence
 * the lead ticked stays with the plan and in the knowledge record, and the time from the literature to practice is
 * counted from the publication dates E-utilities gave.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvidenceLookupIT extends CycleSteps {

    static final PubMedStub PUBMED = new PubMedStub().start();

    @Autowired JsonVariables json;
    @Autowired HistoryService historyService;
    @Autowired KnowledgeRepository knowledge;
    @Autowired EvidenceUses evidenceUses;
    @Autowired TestRestTemplate rest;

    @DynamicPropertySource
    static void pubmed(DynamicPropertyRegistry registry) {
        registry.add("learning-cycle.evidence.pubmed.enabled", () -> "true");
        registry.add("learning-cycle.evidence.pubmed.base-url", PUBMED::baseUrl);
        registry.add("learning-cycle.evidence.pubmed.email", () -> "qi@hospital.example");
        registry.add("learning-cycle.evidence.pubmed.timeout", () -> "PT1S");
        registry.add("learning-cycle.evidence.pubmed.max-attempts", () -> "2");
        registry.add("learning-cycle.evidence.pubmed.backoff", () -> "PT0.05S");
    }

    @AfterAll
    static void stopPubMed() {
        PUBMED.stop();
    }

    @BeforeEach
    void pubMedAnswers() {
        PUBMED.server.resetAll();
        PUBMED.answering();
    }

    private String startedWith(String title, String problem, String measure, String units) {
        Map<String, Object> challenge = challenge(title);
        challenge.put(IMPROVEMENT_DIRECTION, measure.contains("screened") ? "increase" : "decrease");
        challenge.put(PROBLEM, problem);
        challenge.put(MEASURE_NAME, measure);
        challenge.put(UNITS, units);
        return projectKey(startProject("lead", challenge));
    }

    private List<EvidenceItem> evidence(String key) {
        return json.read(runtimeService.getVariable(task(key, LearningCycleProcess.TASK_PLAN).getProcessInstanceId(), EVIDENCE),
                new TypeReference<List<EvidenceItem>>() { });
    }

    private Object variable(String key, String name) {
        return runtimeService.getVariable(task(key, LearningCycleProcess.TASK_PLAN).getProcessInstanceId(), name);
    }

    private Map<String, Object> deliriumPlan() {
        Map<String, Object> plan = plan();
        plan.put(UNITS, "Surgical ward 3");
        plan.put(CHANGE_IDEA, "4AT delirium screening by nurses on admission and every morning");
        return plan;
    }

    /** A delirium project from challenge to the adoption decision; @return its key */
    private String deliriumProjectAdopted(Map<String, Object> plan) {
        return deliriumProjectAdopted(plan, TODAY);
    }

    /** The same, live on its unit on {@code day} (the clock's day), decided 85 days later. */
    private String deliriumProjectAdopted(Map<String, Object> plan, LocalDate day) {
        String key = startedWith("Delirium missed in older surgical patients",
                "Delirium after surgery in patients over 75 is often not detected until discharge.",
                "Proportion of patients over 75 screened for delirium within 24 hours", "Surgical ward 3");
        acceptedWithEvidence(key);
        planned(key, plan);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        rolledOut(key, day);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(day, 10, 40, 10, 85), false);
        interpreted(key);
        decided(key, "ADOPT");
        return key;
    }

    @Test
    void whatOneCycleLearnedComesFirstForTheNextRelatedChallengeWithTheLiteratureBesideIt() {
        String first = deliriumProjectAdopted(deliriumPlan());

        String next = startedWith("Post-operative confusion in elderly patients goes unnoticed",
                "Older patients develop delirium after their operation and nobody screens for it on the ward.",
                "Patients over 75 screened for delirium", "Orthopaedic ward 5");
        acceptedWithEvidence(next);

        List<EvidenceItem> items = evidence(next);
        List<EvidenceItem> local = items.stream().filter(i -> i.source().equals(LocalKnowledgeSource.NAME)).toList();
        assertThat(local.get(0).id()).isEqualTo("local:" + first + "/1");
        assertThat(local.get(0).decision()).isEqualTo("ADOPT");
        assertThat(local.get(0).effect()).startsWith("improved");
        assertThat(local.get(0).lessons()).contains("Involve aides from the start.");
        assertThat(local.get(0).why()).contains("delirium");
        assertThat(items.get(0).id()).as("the organisation's own experience leads the merged list").isEqualTo(local.get(0).id());

        List<EvidenceItem> literature = items.stream().filter(i -> i.source().equals(PubMedSource.NAME)).toList();
        assertThat(literature).extracting(EvidenceItem::link)
                .containsExactly("https://pubmed.ncbi.nlm.nih.gov/31234567/", "https://pubmed.ncbi.nlm.nih.gov/29876543/");
        assertThat(items).extracting(EvidenceItem::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(variable(next, EVIDENCE_NOTICE)).isNull();
        List<Map<String, String>> options = json.read(variable(next, EVIDENCE_OPTIONS), new TypeReference<List<Map<String, String>>>() { });
        assertThat(options).extracting(o -> o.get("value")).containsExactlyElementsOf(items.stream().map(EvidenceItem::id).toList());
        PUBMED.server.verify(getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))
                .withQueryParam("term", equalTo("post-operative confusion elderly patients goes unnoticed older develop")));
    }

    @Test
    void whenPubMedIsDownTheProjectGoesOnWithLocalEvidenceAndANotice() {
        PUBMED.failingWith(503);
        String key = startedWith("Falls at night on 4 West", "Falls with injury at night doubled.", "Falls per 1,000 patient-days", "4 West");
        acceptedWithEvidence(key);

        assertThat(runtimeService.createIncidentQuery().count()).isZero();
        List<EvidenceItem> items = evidence(key);
        assertThat(items).isNotEmpty().allMatch(i -> i.source().equals(LocalKnowledgeSource.NAME));
        assertThat((String) variable(key, EVIDENCE_NOTICE))
                .isEqualTo("PubMed could not be searched: PubMed gave HTTP 503 after 2 attempts. The evidence below comes from the other"
                        + " sources; tick \"Look up evidence again\" to try once more.");
    }

    @Test
    void theLeadRefinesTheQueryAndLooksAgainWithoutPlanning() {
        String key = startedWith("Falls at night on 4 West", "Falls with injury at night doubled.", "Falls per 1,000 patient-days", "4 West");
        acceptedWithEvidence(key);
        Map<String, Object> again = new HashMap<>();
        again.put(RERUN_EVIDENCE, true);
        again.put(EVIDENCE_QUERY, "\"accidental falls\"[MeSH] AND rounding");
        complete("lead", key, LearningCycleProcess.TASK_PLAN, again);
        executeJobs(key);

        assertThat(history(key).stream().filter(LearningCycleProcess.TASK_LOOK_UP_EVIDENCE::equals)).hasSize(2);
        assertThat(variable(key, EVIDENCE_QUERY)).isEqualTo("\"accidental falls\"[MeSH] AND rounding");
        assertThat(variable(key, RERUN_EVIDENCE)).isEqualTo(false);
        PUBMED.server.verify(getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))
                .withQueryParam("term", equalTo("\"accidental falls\"[MeSH] AND rounding")));
        assertThat(history(key)).doesNotContain(LearningCycleProcess.TASK_PATHWAY);
    }

    @Test
    void theEvidenceTheLeadTickedStaysWithThePlanAndInTheKnowledgeRecord() {
        Map<String, Object> plan = deliriumPlan();
        plan.put(EVIDENCE_USED, json.write(List.of("pubmed:31234567", "local:DEMO-2025-0003/1")));
        String key = deliriumProjectAdopted(plan);

        String used = knowledge.find(key, 1).orElseThrow().evidenceUsed();
        assertThat(used).isEqualTo("Test record one: purposeful rounding and inpatient falls. (Nguyen A, Okafor B, Lindqvist C et al.."
                + " BMJ quality & safety. 2019. PMID 31234567); [demo data] Sepsis screening at emergency triage (DEMO-2025-0003 cycle 1)");
        String instance = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(key).singleResult().getId();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName(EVIDENCE_USED).list()).hasSize(1);
    }

    @Test
    void fromTheLiteratureToPracticeWithTheDatesPubMedGaveAndTheReuseOfWhatWasLearned() {
        // a year of its own, so that only these four adoptions fall in the window
        LocalDate day = LocalDate.of(2037, 1, 5);
        ClockUtil.setCurrentTime(date(day));
        Map<String, Object> onBoth = deliriumPlan();
        onBoth.put(EVIDENCE_USED, json.write(List.of("pubmed:31234567", "pubmed:29876543")));
        String first = deliriumProjectAdopted(onBoth, day);                         // decided 2037-03-31
        assertThat(evidenceUses.of(first, 1)).extracting(EvidenceUses.Use::evidenceId, EvidenceUses.Use::published).containsExactly(
                // esummary-falls.json: epubdate "2018 Nov 2" comes before pubdate "2019 Mar"; pubdate "2017" alone is its 1 January
                tuple("pubmed:29876543", LocalDate.of(2017, 1, 1)), tuple("pubmed:31234567", LocalDate.of(2018, 11, 2)));

        Map<String, Object> onLocal = deliriumPlan();
        onLocal.put(EVIDENCE_USED, json.write(List.of("local:" + first + "/1")));
        String second = deliriumProjectAdopted(onLocal, day.plusDays(85));          // 2037-06-24
        Map<String, Object> onOneArticleAndLocal = deliriumPlan();
        onOneArticleAndLocal.put(EVIDENCE_USED, json.write(List.of("pubmed:29876543", "local:" + first + "/1")));
        String third = deliriumProjectAdopted(onOneArticleAndLocal, day.plusDays(170));   // 2037-09-17
        String fourth = deliriumProjectAdopted(deliriumPlan(), day.plusDays(255));    // 2037-12-11, nothing ticked
        assertThat(List.of(second, third, fourth)).doesNotContain(first);

        JsonNode e = rest.withBasicAuth("manager", "manager").getForEntity("/api/portfolio/lead-times?from=2037-01-01&to=2037-12-31", JsonNode.class)
                .getBody().get("evidenceToPractice");
        assertThat(e.get("adoptions").asInt()).isEqualTo(4);
        assertThat(e.get("onLiterature").asInt()).isEqualTo(2);
        assertThat(e.get("onLocalKnowledgeOnly").asInt()).isEqualTo(1);
        assertThat(e.get("onNoEvidence").asInt()).isEqualTo(1);
        // hand-computed: 2018-11-02 to 2037-03-31 is 6724 days, 2017-01-01 to 2037-09-17 is 7564; R type 7: median 7144, p75 7354
        assertThat(e.get("publicationToDecision").get("medianDays").asDouble()).isEqualTo(7144);
        assertThat(e.get("publicationToDecision").get("p75Days").asDouble()).isEqualTo(7354);
        assertThat(e.get("publicationToDecision").get("count").asInt()).isEqualTo(2);
        // to the go-lives of 2037-01-05 and 2037-06-24: 6639 and 7479 days
        assertThat(e.get("publicationToLastUnitLive").get("medianDays").asDouble()).isEqualTo(7059);
        assertThat(e.get("publicationToLastUnitLive").get("p75Days").asDouble()).isEqualTo(7269);
        assertThat(e.get("plansReusingKnowledge").asInt()).isEqualTo(2);
        assertThat(e.get("knowledgeRecordsReused").asInt()).isEqualTo(1);
        assertThat(e.get("quarters").findValuesAsText("quarter")).containsExactly("2037-Q1", "2037-Q2", "2037-Q3", "2037-Q4");
        JsonNode q3 = e.get("quarters").get(2);
        assertThat(q3.get("adoptions").asInt()).isEqualTo(1);
        assertThat(q3.get("onLiterature").asInt()).isEqualTo(1);
        assertThat(q3.get("publicationToDecision").get("medianDays").asDouble()).isEqualTo(7564);
        assertThat(e.get("quarters").get(1).get("onLocalKnowledgeOnly").asInt()).isEqualTo(1);
        assertThat(e.get("quarters").get(1).get("publicationToDecision").get("count").asInt()).isZero();

        // the first project's record says it was reused twice, in the knowledge search and in the next lookup
        JsonNode hits = rest.withBasicAuth("lead", "lead").getForEntity("/api/knowledge?q=delirium&limit=50", JsonNode.class).getBody();
        JsonNode record = StreamSupport.stream(hits.spliterator(), false).filter(h -> h.get("record").get("projectKey").asText().equals(first))
                .findFirst().orElseThrow();
        assertThat(record.get("reusedBy").asInt()).isEqualTo(2);
        String next = startedWith("Delirium missed in older surgical patients", "Delirium is not detected after surgery.",
                "Patients over 75 screened for delirium", "Surgical ward 4");
        acceptedWithEvidence(next);
        assertThat(evidence(next)).filteredOn(i -> i.id().equals("local:" + first + "/1")).extracting(EvidenceItem::reusedBy).containsExactly(2);
        assertThat(evidence(next)).filteredOn(i -> i.id().equals("local:" + fourth + "/1")).extracting(EvidenceItem::reusedBy).containsExactly(0);
        assertThat(evidence(next)).filteredOn(i -> i.source().equals(PubMedSource.NAME)).extracting(EvidenceItem::published)
                .containsExactly("2018-11-02", "2017-01-01");

        // a slip in a REST call: an id the lead was never shown is refused, and nothing of the plan is kept
        Map<String, Object> slip = deliriumPlan();
        slip.put(EVIDENCE_USED, json.write(List.of("pubmed:99999999")));
        assertThatThrownBy(() -> planned(next, slip)).hasMessageContaining("not found: pubmed:99999999");
        assertThat(task(next, LearningCycleProcess.TASK_PLAN)).isNotNull();
        assertThat(evidenceUses.of(next, 1)).isEmpty();
    }
}
