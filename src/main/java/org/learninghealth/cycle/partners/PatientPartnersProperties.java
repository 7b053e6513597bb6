package org.learninghealth.cycle.partners;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.patient-partners.*}.
 *
 * @param review whether every patient-facing change goes to the patient and family partners before oversight, and
 *               its results to them after the evaluation ({@code LC_PATIENT_PARTNER_REVIEW}, default on)
 */
@ConfigurationProperties("learning-cycle.patient-partners")
public record PatientPartnersProperties(Boolean review) {

    public PatientPartnersProperties {
        review = review == null || review;
    }
}
