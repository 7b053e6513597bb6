package org.learninghealth.cycle.partners;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.test.context.TestPropertySource;

/** With {@code learning-cycle.patient-partners.review=false} a patient-facing change goes straight to oversight. */
@TestPropertySource(properties = "learning-cycle.patient-partners.review=false")
class PatientReviewSettingOffTest extends CycleSteps {

    @Test
    void withPartnerReviewOffAPatientFacingChangeGoesStraightToOversightAndTheDecision() {
        String key = plannedForPatients("lead");
        assertThat(tasks(key, PatientReviewProcess.TASK_REVIEW)).isEmpty();
        approvedAndMeasured(key);
        assertThat(tasks(key, PatientInterpretationProcess.TASK_INTERPRET)).isEmpty();
        interpreted(key);
        assertThat(task(key, LearningCycleProcess.TASK_DECIDE)).isNotNull();
        assertThat(history(key)).doesNotContain(LearningCycleProcess.CALL_PATIENT_REVIEW).contains(PatientInterpretationProcess.END_NOT_PATIENT_FACING);
    }
}
