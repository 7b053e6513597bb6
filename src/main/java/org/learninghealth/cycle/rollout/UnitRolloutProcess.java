package org.learninghealth.cycle.rollout;

/** Keys, element ids and variables of {@code processes/unit-rollout.bpmn}. */
public final class UnitRolloutProcess {

    public static final String KEY = "unit-rollout";
    public static final String TASK_PREPARE = "Task_PrepareUnitRollout";
    public static final String TASK_CONFIRM_GO_LIVE = "Task_ConfirmGoLive";
    public static final String TASK_RECORD_GO_LIVE = "Task_RecordGoLive";
    public static final String END = "EndEvent_UnitLive";
    public static final String END_REMOVED = "EndEvent_UnitRemoved";
    /** An approved amendment took the unit off the plan: its rollout ends, whatever it waits for. */
    public static final String MESSAGE_UNIT_REMOVED = "UnitRemoved";
    public static final String REMOVAL_REASON = "removalReason";

    public static final String GO_LIVE_DUE = "goLiveDue";
    public static final String READINESS_CHECKLIST = "readinessChecklist";
    public static final String GO_LIVE_DATE = "goLiveDate";
    public static final String FIDELITY_NOTES = "fidelityNotes";
    public static final String CHECKLIST_COMPLETED = "checklistCompleted";

    private UnitRolloutProcess() {
    }
}
