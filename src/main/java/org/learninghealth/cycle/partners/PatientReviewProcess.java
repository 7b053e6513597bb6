package org.learninghealth.cycle.partners;

/** Keys, element ids and variables of {@code processes/patient-review.bpmn}: patient and family partners review a plan. */
public final class PatientReviewProcess {

    public static final String KEY = "patient-review";
    public static final String TASK_REVIEW = "Task_ReviewWithPatients";
    public static final String TASK_ANSWER_CONCERNS = "Task_AnswerConcerns";
    public static final String TIMER_REVIEW_REMINDER = "Timer_PartnerReviewReminder";
    public static final String TIMER_REVIEW_ESCALATION = "Timer_PartnerReviewEscalation";
    public static final String END_REVIEWED = "EndEvent_PartnersReviewed";
    public static final String END_CONCERNS_ANSWERED = "EndEvent_ConcernsAnswered";

    /** The partners' answer, {@link PartnerView}. */
    public static final String PARTNER_VIEW = "partnerView";
    /** Their comments or suggestions. */
    public static final String PARTNER_COMMENTS = "partnerComments";
    /** Their concerns, one per line. */
    public static final String PARTNER_CONCERNS = "partnerConcerns";
    /** The lead's answer to each concern, one per line in the same order. */
    public static final String CONCERN_ANSWERS = "concernAnswers";

    /** What the partners may answer. */
    public enum PartnerView { SUPPORTS, SUPPORTS_WITH_SUGGESTIONS, HAS_CONCERNS }

    private PatientReviewProcess() {
    }
}
