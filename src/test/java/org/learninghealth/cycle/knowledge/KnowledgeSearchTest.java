package org.learninghealth.cycle.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleTestSupport;
import org.learninghealth.cycle.evidence.EvidenceItem;
import org.learninghealth.cycle.evidence.EvidenceService;
import org.springframework.beans.factory.annotation.Autowired;

/** The knowledge base ranks what earlier cycles learned, and later cycles find it. */
class KnowledgeSearchTest extends CycleTestSupport {

    @Autowired KnowledgeRepository repository;
    @Autowired KnowledgeSearch search;
    @Autowired EvidenceService evidence;

    private KnowledgeRecord record(String key, String title, String challenge, String change) {
        return new KnowledgeRecord(null, key, 1, title, challenge, "Ward 7", change, "Measure", null, null, "ADOPT", null, null, null, null, null, null, false, null);
    }

    @Test
    void titleAndChallengeOutrankFreeTextAndStemmingFindsRelatedWords() {
        repository.save(record("KS-1", "Medication reconciliation at discharge", "Patients leave with wrong medication lists", "Pharmacist-led reconciliation"));
        repository.save(record("KS-2", "Pressure ulcer prevention", "Pressure injuries in bed-bound patients", "Two-hourly turning; discharge planning mentioned in passing"));
        List<KnowledgeHit> hits = search.search("errors in the medications patients take home", 10);
        assertThat(hits).extracting(h -> h.record().projectKey()).startsWith("KS-1");
        assertThat(hits.get(0).matchedFields()).contains("title: medication", "challenge: patients, medication");
    }

    @Test
    void aRecordCapturedLaterIsFoundByTheNextSearch() {
        assertThat(search.search("telemetry alarm fatigue", 10)).noneMatch(h -> h.record().projectKey().equals("KS-3"));
        repository.save(record("KS-3", "Telemetry alarm fatigue", "Too many non-actionable alarms", "Default alarm limits per unit"));
        assertThat(search.search("telemetry alarm fatigue", 10).get(0).record().projectKey()).isEqualTo("KS-3");
        repository.save(record("KS-3", "Telemetry alarm fatigue reduced", "Too many non-actionable alarms", "Default alarm limits per unit"));
        assertThat(search.search("alarms", 10)).filteredOn(h -> h.record().projectKey().equals("KS-3")).singleElement()
                .satisfies(h -> assertThat(h.record().title()).endsWith("reduced"));
    }

    @Test
    void evidenceMarksDemoRecordsAndSaysWhyTheyMatched() {
        List<EvidenceItem> items = evidence.lookUp(EvidenceService.query("Falls at night", "Inpatient falls with injury", "Falls per 1,000 patient-days", "4 West")).items();
        assertThat(items).isNotEmpty();
        EvidenceItem first = items.get(0);
        assertThat(first.title()).isEqualTo("[demo data] Hourly rounding to reduce inpatient falls");
        assertThat(first.demo()).isTrue();
        assertThat(first.why()).contains("title: inpatient, falls").doesNotContain("inpati,");
        assertThat(first.source()).isEqualTo("Local knowledge");
        assertThat(first.id()).startsWith("local:DEMO-2025-");
        assertThat(first.score()).as("the best local hit is the scale of the others").isEqualTo(1.0);
        assertThat(first.link()).isNull();
    }

    @Test
    void aBlankQueryListsRecordsInsteadOfFailing() {
        assertThat(search.search("   ", 3)).hasSize(3);
        assertThat(search.search("the and of", 3)).hasSize(3);
    }
}
