package org.learninghealth.cycle.partners;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** {@code /learning} as anyone on the internet sees it: only shared, finished projects, in plain words, without names. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LearningPageIT extends CycleSteps {

    static final String RATIONALE = "Ward budget approved by the director";

    @Autowired TestRestTemplate rest;

    private String decided(boolean share, String decision) {
        String key = throughEvaluation("lead", 20, 8);
        complete("manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, decision, DECISION_RATIONALE, RATIONALE,
                SHARE_PUBLICLY, share, PLAIN_SUMMARY, "Staff check on you every hour so that you do not fall (" + decision + ")."));
        executeJobs(key);
        return key;
    }

    @Test
    void anyoneSeesTheSharedFinishedProjectsInPlainWordsAndNothingElse() {
        String adopted = decided(true, "ADOPT");
        String abandoned = decided(true, "ABANDON");
        String notShared = decided(false, "ADOPT");
        String adapted = decided(true, "ADAPT");

        ResponseEntity<String> page = rest.getForEntity("/learning", String.class);
        assertThat(page.getStatusCode().value()).isEqualTo(200);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
        String html = page.getBody();
        assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<html lang=\"en\">",
                "/learning/" + adopted + "/1/chart.png", "/learning/" + abandoned + "/1/chart.png",
                "Staff check on you every hour so that you do not fall (ADOPT).", "Hourly rounding by nurses and aides",
                "We measured: Proportion of patient-days with a fall. Before the change it was 20%", "Adopted in ",
                "Not adopted: the change did not bring enough improvement to keep it.")
                .doesNotContain(notShared, adapted, RATIONALE, "Involve aides", "Rounding was done on most shifts", "lead", "Lead (demo)",
                        "manager", "(demo)");

        assertThat(rest.getForEntity("/learning?q=ABANDON", String.class).getBody()).contains(abandoned).doesNotContain("/learning/" + adopted + "/");
        assertThat(rest.getForEntity("/learning?q=no+such+words+anywhere", String.class).getBody()).contains("No shared project matches your search.");
        assertThat(rest.getForEntity(java.net.URI.create(rest.getRootUri() + "/learning?q=%3Cscript%3E"), String.class).getBody()).contains("&lt;script&gt;").doesNotContain("<script>");

        ResponseEntity<byte[]> chart = rest.getForEntity("/learning/" + adopted + "/1/chart.png", byte[].class);
        assertThat(chart.getStatusCode().value()).isEqualTo(200);
        assertThat(chart.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(rest.getForEntity("/learning/" + notShared + "/1/chart.png", String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(rest.getForEntity("/learning?page=0", String.class).getStatusCode().value()).isEqualTo(400);
    }
}
