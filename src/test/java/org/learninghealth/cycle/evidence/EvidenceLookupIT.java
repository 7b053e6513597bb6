package org.learninghealth.cycle.evidence;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;


/**
 * The evidence step of real cycles with PubMed turned on against a local stand-in for E-utilities: what one cycle
 * learned comes first for the next related challenge, the literature comes with links, a literature outage leaves
 * the project going with local evidence and a notice, the lead refines the query and looks again, and the evidence
 * the lead ticked stays with the plan and in the knowledge record.
 */
class EvidenceLookupIT extends CycleSteps {

    static final PubMedStub PUBMED = new PubMedStub().start();

    @Autowired JsonVariables json;
    @Autowired HistoryService historyService;
    @Autowired KnowledgeRepository knowledge;

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
        String key = startedWith("Delirium missed in older surgical patients",
                "Delirium after surgery in patients over 75 is often not detected until discharge.",
                "Proportion of patients over 75 screened for delirium within 24 hours", "Surgical ward 3");
        acceptedWithEvidence(key);
        planned(key, plan);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        measurementsSubmitted(key, weeklyProportions(TODAY, 10, 40, 10, 85), false);
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
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName(EVIDENCE_USED).list()).hasSize(1);
    }
}
