package org.learninghealth.cycle.oversight;

/** Keys, element ids and values of {@code processes/oversight-review.bpmn}. */
public final class OversightReviewProcess {

    public static final String KEY = "oversight-review";
    public static final String TASK_REVIEW_PLAN = "Task_ReviewPlan";
    public static final String TASK_EXPEDITED_REVIEW = "Task_ExpeditedReview";
    public static final String TASK_FULL_BOARD_REVIEW = "Task_FullBoardReview";
    public static final String TASK_RECORD_DECISION = "Task_RecordOversightDecision";
    public static final String TASK_ISSUE_LETTER = "Task_IssueLetter";
    public static final String END = "EndEvent_ReviewDecided";

    /** Form fields of every review task. */
    public static final String REVIEW_DECISION = "reviewDecision";
    public static final String REVIEW_COMMENTS = "reviewComments";
    public static final String REVIEW_CONDITIONS = "reviewConditions";
    /** JSON list of the votes cast in this review. */
    public static final String VOTES = "oversightVotes";

    /** Pathway decided by oversight-pathway.dmn. */
    public enum Pathway { QI, EXEMPT, EXPEDITED, FULL_BOARD }

    /** What a single reviewer may answer. */
    public enum Vote { APPROVE, MODIFICATIONS_REQUIRED, DISAPPROVE, REFER_TO_FULL_BOARD }

    /** What the review as a whole decided. */
    public enum Decision { APPROVED, MODIFICATIONS_REQUIRED, DISAPPROVED }

    private OversightReviewProcess() {
    }
}
