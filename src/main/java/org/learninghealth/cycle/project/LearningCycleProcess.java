package org.learninghealth.cycle.project;

/** Keys, element ids and messages of {@code processes/learning-cycle.bpmn}. */
public final class LearningCycleProcess {

    public static final String KEY = "learning-cycle";
    public static final String MESSAGE_SAFETY_EVENT = "SafetyEventReported";
    public static final String MESSAGE_WITHDRAWN = "ProjectWithdrawn";
    public static final String ERROR_PROJECT_HALTED = "ProjectHalted";

    public static final String START = "StartEvent_ChallengeDescribed";
    public static final String TASK_TRIAGE = "Task_TriageChallenge";
    public static final String TASK_CLARIFY = "Task_ClarifyChallenge";
    public static final String TASK_LOOK_UP_EVIDENCE = "Task_LookUpEvidence";
    public static final String TASK_PLAN = "Task_PlanChange";
    public static final String GATEWAY_PATIENT_REVIEW = "Gateway_PatientReview";
    public static final String CALL_PATIENT_REVIEW = "CallActivity_PatientReview";
    public static final String TASK_PATHWAY = "Task_DetermineOversightPathway";
    public static final String CALL_OVERSIGHT = "CallActivity_OversightReview";
    public static final String CALL_ROLLOUT = "CallActivity_UnitRollout";
    public static final String TIMER_MEASUREMENT = "Timer_MeasurementPeriod";
    public static final String TASK_SUBMIT_MEASUREMENTS = "Task_SubmitMeasurements";
    public static final String TASK_EVALUATE = "Task_EvaluateChange";
    public static final String TASK_RECOMMEND = "Task_RecommendNextStep";
    public static final String TASK_INTERPRET = "Task_InterpretEvaluation";
    public static final String CALL_PATIENT_INTERPRETATION = "CallActivity_PatientInterpretation";
    public static final String TASK_DECIDE = "Task_DecideAdoption";
    public static final String TASK_CAPTURE = "Task_CaptureKnowledge";
    public static final String TASK_NEXT_CYCLE = "Task_StartNextCycle";
    public static final String TASK_REVIEW_SAFETY_EVENT = "Task_ReviewSafetyEvent";
    public static final String TASK_CAPTURE_HALTED = "Task_CaptureKnowledgeHalted";
    public static final String TASK_CAPTURE_WITHDRAWN = "Task_CaptureKnowledgeWithdrawn";
    public static final String SUB_SUSTAIN = "SubProcess_Sustain";
    public static final String TASK_START_SUSTAIN = "Task_StartSustain";
    public static final String TIMER_SUSTAIN_REVIEW = "Timer_SustainReview";
    public static final String TASK_REVIEW_SUSTAIN = "Task_ReviewSustain";
    public static final String TASK_PERFORMANCE_SLIPPED = "Task_PerformanceSlipped";
    public static final String TASK_SUBMIT_SUSTAIN_DATA = "Task_SubmitSustainData";
    public static final String TASK_RECORD_SUSTAIN = "Task_RecordSustain";
    public static final String TASK_CYCLE_AFTER_SLIP = "Task_StartCycleAfterSlip";
    public static final String TIMER_TRIAGE_REMINDER = "Timer_TriageReminder";
    public static final String TIMER_TRIAGE_ESCALATION = "Timer_TriageEscalation";
    public static final String TASK_REMIND_TRIAGE = "Task_RemindTriage";
    public static final String TASK_ESCALATE_TRIAGE = "Task_EscalateTriage";
    public static final String TIMER_DECISION_REMINDER = "Timer_DecisionReminder";
    public static final String TIMER_DECISION_ESCALATION = "Timer_DecisionEscalation";

    public static final String END_DECLINED = "EndEvent_Declined";
    public static final String END_SUSTAINED = "EndEvent_Sustained";
    public static final String END_MONITORING_STOPPED = "EndEvent_MonitoringStopped";
    public static final String END_ABANDONED = "EndEvent_Abandoned";
    public static final String END_DISAPPROVED = "EndEvent_Disapproved";
    public static final String END_HALTED = "EndEvent_Halted";
    public static final String END_WITHDRAWN = "EndEvent_Withdrawn";
    public static final String END_SAFETY_REVIEWED = "EndEvent_SafetyReviewed";
    public static final String END_SAFETY_MODIFICATIONS = "EndEvent_SafetyModificationsRequired";
    public static final String CALL_SUSPENSION = "CallActivity_Suspension";
    public static final String TASK_TERMINATION_LETTER = "Task_IssueTerminationLetter";

    /** What the IRB decides on reportable new information: no action, modifications (an amendment), suspend, or terminate (halt). */
    public enum SafetyDecision { CONTINUE, MODIFICATIONS_REQUIRED, SUSPEND, HALT }

    /** How the IRB classifies reportable new information. */
    public enum Classification { NOT_UNANTICIPATED, UNANTICIPATED_PROBLEM, SERIOUS_NONCOMPLIANCE, CONTINUING_NONCOMPLIANCE }

    /** Values of the triage form. */
    public enum TriageDecision { ACCEPT, DECLINE, CLARIFY }

    /** Values of the adoption decision form. */
    public enum Decision { ADOPT, ADAPT, ABANDON }

    /** How a cycle ended, as recorded in the knowledge base. */
    public enum Outcome { ADOPT, ADAPT, ABANDON, DISAPPROVED, HALTED, WITHDRAWN }

    /** What a sustain review found. */
    public enum SustainVerdict { CONTINUE, SLIPPED, OVERDUE, SUSTAINED }

    /** The managers' answers to a slip, and how monitoring ends. */
    public enum SustainDecision { NEW_CYCLE, ACCEPT, STOP }

    private LearningCycleProcess() {
    }
}
