package org.learninghealth.cycle.partners;

/**
 * Keys, element ids and variables of {@code processes/patient-interpretation.bpmn}: after the evaluation of a
 * patient-facing change, the partners say what the results mean for patients, beside the lead's interpretation.
 */
public final class PatientInterpretationProcess {

    public static final String KEY = "patient-interpretation";
    public static final String TASK_INTERPRET = "Task_InterpretWithPatients";
    public static final String TIMER_REMINDER = "Timer_PartnerInterpretationReminder";
    public static final String TIMER_ESCALATION = "Timer_PartnerInterpretationEscalation";
    public static final String END_INTERPRETED = "EndEvent_PartnersInterpreted";
    public static final String END_NOT_PATIENT_FACING = "EndEvent_NotPatientFacing";

    /** "What do these results mean for patients?" in the partners' words. */
    public static final String PARTNER_INTERPRETATION = "partnerInterpretation";

    private PatientInterpretationProcess() {
    }
}
