package org.learninghealth.cycle.letters;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * A letter from its template: Thymeleaf (XHTML, so that the PDF renderer can read it) to PDF with openhtmltopdf. An
 * institution's folder ({@link LetterProperties#templates()}) is asked first, template by template, so it may replace
 * only the letterhead; the shipped templates answer the rest.
 */
@Component
public class LetterRenderer {

    private final TemplateEngine engine = new TemplateEngine();

    public LetterRenderer(LetterProperties properties) {
        if (properties.templates() != null) {
            Path folder = Path.of(properties.templates());
            if (!Files.isDirectory(folder)) {
                throw new IllegalStateException("learning-cycle.letters.templates (LC_LETTER_TEMPLATES) names " + folder.toAbsolutePath()
                        + ", which is not a folder: point it at the folder of the institution's letter templates, or leave it empty.");
            }
            FileTemplateResolver institution = new FileTemplateResolver();
            institution.setPrefix(folder.toAbsolutePath() + "/");
            institution.setSuffix(".html");
            institution.setTemplateMode(TemplateMode.XML);
            institution.setCharacterEncoding("UTF-8");
            institution.setCheckExistence(true);
            institution.setCacheable(false);
            institution.setOrder(1);
            engine.addTemplateResolver(institution);
        }
        ClassLoaderTemplateResolver shipped = new ClassLoaderTemplateResolver();
        shipped.setPrefix("letters/");
        shipped.setSuffix(".html");
        shipped.setTemplateMode(TemplateMode.XML);
        shipped.setCharacterEncoding("UTF-8");
        shipped.setOrder(2);
        engine.addTemplateResolver(shipped);
    }

    /** The letter's XHTML: {@code letter.html} around the kind's own words (the {@code body} of its template). */
    public String html(LetterKind kind, Map<String, Object> model) {
        Context context = new Context(java.util.Locale.ENGLISH, model);
        context.setVariable("template", kind.template());
        return engine.process("letter", context);
    }

    public byte[] pdf(LetterKind kind, Map<String, Object> model) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html(kind, model), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("The " + kind.title() + " letter could not be rendered", e);
        }
        return out.toByteArray();
    }
}
