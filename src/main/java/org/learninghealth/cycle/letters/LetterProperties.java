package org.learninghealth.cycle.letters;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.letters.*}.
 *
 * @param templates a folder of templates that replace the shipped ones of the same name ({@code LC_LETTER_TEMPLATES};
 *                  empty: the shipped ones)
 * @param office    the office that signs the letters ({@code LC_LETTER_OFFICE})
 */
@ConfigurationProperties("learning-cycle.letters")
public record LetterProperties(String templates, String office) {

    public LetterProperties {
        templates = templates == null || templates.isBlank() ? null : templates.trim();
        office = office == null || office.isBlank() ? "Institutional Review Board" : office.trim();
    }
}
