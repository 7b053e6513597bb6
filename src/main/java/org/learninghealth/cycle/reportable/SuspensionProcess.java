package org.learninghealth.cycle.reportable;

/** Keys, element ids and variables of {@code processes/suspension.bpmn}: a project the IRB suspended, until it resumes or ends. */
public final class SuspensionProcess {

    public static final String KEY = "suspension";
    public static final String TASK_HOLD = "Task_HoldProject";
    public static final String TASK_DECIDE = "Task_DecideSuspension";
    public static final String TASK_END_HOLD = "Task_EndHold";

    /** The IRB reviewer's answer: {@link Outcome}. */
    public static final String SUSPENSION_DECISION = "suspensionDecision";
    public static final String SUSPENSION_REASON = "suspensionReason";
    public static final String SUSPENSION_DECIDED_BY = "suspensionDecidedBy";

    /** How a suspension ends. */
    public enum Outcome { RESUME, TERMINATE }

    private SuspensionProcess() {
    }
}
