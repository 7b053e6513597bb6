package org.learninghealth.cycle.evidence;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The literature source exists only where a hospital turned it on ({@code learning-cycle.evidence.pubmed.enabled}). */
@Configuration
public class EvidenceConfiguration {

    @Bean
    @ConditionalOnProperty(name = "learning-cycle.evidence.pubmed.enabled", havingValue = "true")
    PubMedSource pubMedSource(PubMedProperties properties, ObjectMapper json) {
        return new PubMedSource(properties, json);
    }
}
