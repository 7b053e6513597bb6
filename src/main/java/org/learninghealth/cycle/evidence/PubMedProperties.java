package org.learninghealth.cycle.evidence;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning-cycle.evidence.pubmed.*}: the literature source, NCBI E-utilities. Off unless a hospital turns it on;
 * NCBI asks every caller for {@code tool} and {@code email}, and allows 3 requests per second without an API key and
 * 10 with one.
 *
 * @param maxAttempts tries per request (a 429, a 5xx, a timeout or an unreadable answer is tried again)
 * @param backoff     wait before the second try; doubled before each further try, or what {@code Retry-After} says
 */
@ConfigurationProperties("learning-cycle.evidence.pubmed")
public record PubMedProperties(@DefaultValue("false") boolean enabled,
                               @DefaultValue("https://eutils.ncbi.nlm.nih.gov/entrez/eutils/") String baseUrl,
                               @DefaultValue("learning-cycle") String tool,
                               String email,
                               String apiKey,
                               @DefaultValue("5") int maxResults,
                               @DefaultValue("PT10S") Duration timeout,
                               @DefaultValue("3") int maxAttempts,
                               @DefaultValue("PT1S") Duration backoff) {

    public PubMedProperties {
        if (enabled && (email == null || email.isBlank())) {
            throw new IllegalArgumentException("learning-cycle.evidence.pubmed.email (LC_PUBMED_EMAIL) must be set when PubMed is enabled:"
                    + " NCBI asks every E-utilities caller for a contact address.");
        }
        if (!baseUrl.endsWith("/")) {
            baseUrl = baseUrl + "/";
        }
    }

    /** NCBI's limit: 10 requests per second with an API key, 3 without. */
    public Duration minInterval() {
        return apiKey == null || apiKey.isBlank() ? Duration.ofMillis(334) : Duration.ofMillis(100);
    }
}
