package org.learninghealth.cycle.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The templates: shipped ones, an institution's letterhead in its own folder in front of them, and a wrong folder refused. */
class LetterRendererTest {

    static Map<String, Object> model() {
        Map<String, Object> m = new HashMap<>();
        m.put("office", "Research Ethics Office");
        m.put("letterTitle", LetterKind.DISAPPROVAL.title());
        m.put("projectKey", "LC-2026-0042");
        m.put("cycle", 1);
        m.put("title", "Falls & fractures at night <on> 4 West");
        m.put("lead", "lead");
        m.put("subject", "the plan of cycle 1");
        m.put("pathway", "FULL BOARD");
        m.put("decision", "DISAPPROVED");
        m.put("reviewers", "irb, irb2");
        m.put("comments", "The board doesn't accept waking patients hourly");
        m.put("conditions", null);
        m.put("date", "2026-06-01");
        m.put("basis", LetterKind.DISAPPROVAL.basis());
        m.put("nextStep", null);
        return m;
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void theShippedLetterCarriesTheReviewAndItsWordsAsTheyWereWritten() throws IOException {
        LetterRenderer renderer = new LetterRenderer(new LetterProperties(null, "Research Ethics Office"));
        String text = text(renderer.pdf(LetterKind.DISAPPROVAL, model()));
        assertThat(text).contains("Research Ethics Office", "Disapproval", "LC-2026-0042 · cycle 1", "Falls & fractures at night <on> 4 West",
                "Dear lead,", "The board doesn't accept waking patients hourly", "The reviewers' comments", "46.109(a) and (d)")
                .doesNotContain("&apos;", "&amp;", "&lt;", "Conditions");
    }

    @Test
    void anInstitutionsLetterheadReplacesTheShippedOneAndTheRestStays(@TempDir Path folder) throws IOException {
        String shipped = new String(LetterRenderer.class.getResourceAsStream("/letters/letterhead.html").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("letterhead.html"), shipped.replace("Determination letter · Learning Cycle",
                "St Example University Hospital · 1 Hospital Road · Example City"));
        LetterRenderer renderer = new LetterRenderer(new LetterProperties(folder.toString(), null));
        String text = text(renderer.pdf(LetterKind.DISAPPROVAL, model()));
        assertThat(text).contains("St Example University Hospital · 1 Hospital Road · Example City", "may respond to this determination")
                .doesNotContain("Determination letter · Learning Cycle");
        assertThatThrownBy(() -> new LetterRenderer(new LetterProperties(folder.resolve("missing").toString(), null)))
                .hasMessageContaining("learning-cycle.letters.templates (LC_LETTER_TEMPLATES) names").hasMessageContaining("which is not a folder");
    }
}
