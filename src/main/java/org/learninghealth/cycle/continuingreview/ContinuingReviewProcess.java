package org.learninghealth.cycle.continuingreview;

/** Keys, element ids and variables of {@code processes/continuing-review.bpmn}: the approval period of a project. */
public final class ContinuingReviewProcess {

    public static final String KEY = "continuing-review";
    public static final String START = "StartEvent_ApprovalGiven";
    public static final String TIMER_OPENS = "Timer_ReviewOpens";
    public static final String SUB_REVIEW = "SubProcess_ContinuingReview";
    public static final String TASK_SUBMIT = "Task_SubmitContinuingReview";
    public static final String TASK_REVIEW = "Task_ReviewContinuingReview";
    public static final String TIMER_SECOND_NOTICE = "Timer_SecondNotice";
    public static final String TIMER_LAST_NOTICE = "Timer_LastNotice";
    public static final String TIMER_DUE = "Timer_ReviewDue";
    public static final String TASK_SECOND_NOTICE = "Task_SecondNotice";
    public static final String TASK_LAST_NOTICE = "Task_LastNotice";
    public static final String TASK_RECORD_DUE = "Task_RecordReviewDue";
    public static final String TASK_RENEW = "Task_RenewApproval";

    /** The day the review is due (ISO date): the approval expires then, or the check-in is due. */
    public static final String CONTINUING_REVIEW_DUE = "continuingReviewDue";
    /** True when the approval expires at {@link #CONTINUING_REVIEW_DUE} (full board), false for a check-in (expedited, exempt). */
    public static final String APPROVAL_EXPIRES = "approvalExpires";
    /** The lead's submission: progress, problems and changes since approval. */
    public static final String CONTINUING_REVIEW_PROGRESS = "continuingReviewProgress";
    public static final String CONTINUING_REVIEW_PROBLEMS = "continuingReviewProblems";
    public static final String CONTINUING_REVIEW_CHANGES = "continuingReviewChanges";
    /** The IRB reviewer's answer ({@link Decision}) and comments. */
    public static final String CONTINUING_REVIEW_DECISION = "continuingReviewDecision";
    public static final String CONTINUING_REVIEW_COMMENTS = "continuingReviewComments";
    public static final String CONTINUING_REVIEW_REVIEWER = "continuingReviewReviewer";
    /** Every notice, lapse and renewal of the project's approval, one a line. */
    public static final String CONTINUING_REVIEW_NOTICES = "continuingReviewNotices";
    /** The last continuing-review approval letter's download link. */
    public static final String CONTINUING_REVIEW_LETTER = "continuingReviewLetter";

    /** What the IRB reviewer may answer. */
    public enum Decision { APPROVE, MODIFICATIONS_REQUIRED }

    private ContinuingReviewProcess() {
    }
}
