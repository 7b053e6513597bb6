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
    /** The exemption category of 45 CFR 46.104(d) ("1" to "8") an exempt determination rests on. */
    public static final String EXEMPT_CATEGORY = "exemptCategory";

    /** The exemption categories of 45 CFR 46.104(d) (2018 Common Rule), by number. */
    public static final java.util.Map<String, String> EXEMPT_CATEGORIES = java.util.Map.of(
            "1", "research in established educational settings involving normal educational practices",
            "2", "educational tests, surveys, interviews or observation of public behavior",
            "3", "benign behavioral interventions with adults who agree to them",
            "4", "secondary research uses of identifiable private information or biospecimens",
            "5", "research and demonstration projects on public benefit or service programs",
            "6", "taste and food quality evaluation and consumer acceptance studies",
            "7", "storage or maintenance of identifiable information or biospecimens for secondary research with broad consent",
            "8", "secondary research with broad consent");

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
