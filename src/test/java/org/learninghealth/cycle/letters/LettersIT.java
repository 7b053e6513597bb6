package org.learninghealth.cycle.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Every determination an oversight review makes today produces its letter: rendered from the template to PDF, the
 * text read back from the PDF and checked (project key, title, lead, pathway, decision, conditions or comments,
 * reviewer, date, regulatory basis), stored once with the SHA-256 the audit trail shows, listed and downloaded by
 * the lead and the office, refused to others, and linked from the lead's next task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LettersIT extends CycleSteps {

    @Autowired TestRestTemplate rest;

    private JsonNode letters(String user, String key) {
        ResponseEntity<JsonNode> response = rest.withBasicAuth(user, user).getForEntity("/api/cycles/" + key + "/letters", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The only letter of the project, downloaded by {@code user}, as text; its checksum checked against the list's. */
    private String onlyLetter(String user, String key, String kind) throws IOException {
        JsonNode list = letters(user, key);
        assertThat(list).hasSize(1);
        JsonNode letter = list.get(0);
        assertThat(letter.get("kind").asText()).isEqualTo(kind);
        ResponseEntity<byte[]> pdf = rest.withBasicAuth(user, user).getForEntity(letter.get("link").asText(), byte[].class);
        assertThat(pdf.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(Letters.sha256(pdf.getBody())).isEqualTo(letter.get("sha256").asText());
        try (PDDocument document = Loader.loadPDF(pdf.getBody())) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    private String planned(Map<String, Object> plan) {
        String key = started("lead");
        acceptedWithEvidence(key);
        planned(key, plan);
        return key;
    }

    private void vote(String reviewer, String key, String task, String vote, String comments, String conditions) {
        Map<String, Object> v = new HashMap<>();
        v.put(OversightReviewProcess.REVIEW_DECISION, vote);
        v.put(OversightReviewProcess.REVIEW_COMMENTS, comments);
        v.put(OversightReviewProcess.REVIEW_CONDITIONS, conditions);
        v.put(OversightReviewProcess.EXEMPT_CATEGORY, "4");
        complete(reviewer, key, task, v);
        executeJobs(key);
    }

    @Test
    void aQiDeterminationLetterNamesEverythingAnAuditorAsksForAndIsKeptWithItsChecksum() throws IOException {
        String key = approved("lead");
        String text = onlyLetter("lead", key, "QI_DETERMINATION");
        assertThat(text).contains("Institutional Review Board / Quality Improvement Oversight", "Determination: quality improvement, not human subjects research",
                key + " · cycle 1", "Title Falls on the medical wards", "Project lead lead", "Subject of the review the plan of cycle 1", "Pathway QI", "Determination APPROVED",
                "Reviewer(s) irb", "Date " + TODAY, "Dear lead,", "It is not human subjects research",
                "45 CFR 46.102(l): an activity not designed to develop or contribute to generalizable knowledge is not research");
        // the office reads it too; the trail keeps what was issued and its checksum
        assertThat(letters("irb", key)).hasSize(1);
        assertThat(letters("manager", key)).hasSize(1);
        JsonNode trail = rest.withBasicAuth("irb", "irb").getForEntity("/api/cycles/" + key + "/audit", JsonNode.class).getBody();
        JsonNode issued = StreamSupport.stream(trail.spliterator(), false).filter(e -> e.get("step").asText().equals("Letter issued")).findFirst().orElseThrow();
        assertThat(issued.get("recorded").get("sha256").asText()).isEqualTo(letters("irb", key).get(0).get("sha256").asText()).hasSize(64);
        assertThat(issued.get("recorded").get("letter").asText()).isEqualTo("Determination: quality improvement, not human subjects research · " + key + " cycle 1");
        // nobody else learns that the project has letters
        assertThat(rest.withBasicAuth("champion", "champion").getForEntity("/api/cycles/" + key + "/letters", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ensureUser("otherlead", "project-leads");
        assertThat(rest.withBasicAuth("otherlead", "otherlead").getForEntity(letters("irb", key).get(0).get("link").asText(), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.withBasicAuth("irb", "irb").getForEntity("/api/cycles/" + key + "/letters/999999.pdf", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        // the lead's next task links to it
        rolledOut(key, TODAY);
        measurementPeriodOver(key, 12);
        assertThat(taskService.getVariable(task(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS).getId(), OVERSIGHT_LETTER))
                .isEqualTo(letters("lead", key).get(0).get("link").asText());
    }

    @Test
    void anExemptDeterminationAnApprovalWithConditionsAModificationAndADisapprovalEachGetTheirLetter() throws IOException {
        Map<String, Object> exempt = plan();
        exempt.put(GENERALIZABLE_KNOWLEDGE, true);
        String exemptKey = planned(exempt);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> complete("irb", exemptKey, OversightReviewProcess.TASK_REVIEW_PLAN,
                Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"))).hasMessageContaining("Name the exemption category of 45 CFR 46.104(d)");
        vote("irb", exemptKey, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", "Category 4(ii): secondary use of records recorded without identifiers", null);
        assertThat(onlyLetter("lead", exemptKey, "EXEMPT_DETERMINATION")).contains("Determination: exempt human subjects research", "Pathway EXEMPT",
                "exempt from the requirements of 45 CFR 46 under 46.104(d)(4): secondary research uses of identifiable private information or biospecimens",
                "Category 4(ii): secondary use of records", "no continuing review (46.109(f)(1))");

        Map<String, Object> research = plan();
        research.put(GENERALIZABLE_KNOWLEDGE, true);
        research.put(IDENTIFIABLE_DATA, true);
        String expedited = planned(research);
        vote("irb", expedited, OversightReviewProcess.TASK_EXPEDITED_REVIEW, "APPROVE", null, "Report falls with injury to the IRB within 5 days");
        assertThat(onlyLetter("lead", expedited, "APPROVAL")).contains("Approval", "Pathway EXPEDITED", "Determination APPROVED",
                "on the EXPEDITED pathway and approved it", "Conditions", "Report falls with injury to the IRB within 5 days", "45 CFR 46.111");

        String modifications = planned(plan());
        vote("irb", modifications, OversightReviewProcess.TASK_REVIEW_PLAN, "MODIFICATIONS_REQUIRED", "Name who does the rounds at night", null);
        assertThat(onlyLetter("lead", modifications, "MODIFICATIONS_REQUIRED")).contains("Modifications required to secure approval",
                "Determination MODIFICATIONS REQUIRED", "Name who does the rounds at night",
                "Revise the plan in the task \"Appraise evidence and plan the change\" and submit it again", "45 CFR 46.109(a)");
        assertThat(taskService.getVariable(task(modifications, LearningCycleProcess.TASK_PLAN).getId(), OVERSIGHT_LETTER))
                .isEqualTo(letters("lead", modifications).get(0).get("link").asText());

        String disapproved = planned(plan());
        vote("irb", disapproved, OversightReviewProcess.TASK_REVIEW_PLAN, "DISAPPROVE", "Rounding at night would wake every patient", null);
        assertThat(onlyLetter("lead", disapproved, "DISAPPROVAL")).contains("Disapproval", "Determination DISAPPROVED",
                "Rounding at night would wake every patient", "may respond to this determination in person or in writing", "46.109(a) and (d)");
    }
}
