package org.learninghealth.cycle.amendment;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;

/** Keys, element ids and variables of {@code processes/amendment.bpmn}: a change to an approved plan, reviewed before it applies. */
public final class AmendmentProcess {

    public static final String KEY = "amendment";
    public static final String START = "StartEvent_AmendmentRequested";
    public static final String TASK_DESCRIBE = "Task_DescribeAmendment";
    public static final String CALL_REVIEW = "CallActivity_AmendmentReview";
    public static final String TASK_APPLY = "Task_ApplyAmendment";
    public static final String CALL_ROLLOUT = "CallActivity_AmendmentRollout";
    public static final String END_IN_EFFECT = "EndEvent_AmendmentInEffect";
    public static final String END_NOT_APPROVED = "EndEvent_AmendmentNotApproved";

    /** The project's key as the lead named it on the start form. */
    public static final String AMENDMENT_PROJECT = "amendmentProject";
    public static final String AMENDMENT_SUMMARY = "amendmentSummary";
    /** Units to add or remove, comma-separated. */
    public static final String AMENDMENT_ADD_UNITS = "amendmentAddUnits";
    public static final String AMENDMENT_REMOVE_UNITS = "amendmentRemoveUnits";
    /** The changes as a JSON object (field: new value), as the API takes them. */
    public static final String AMENDMENT_CHANGE_SET = "amendmentChangeSet";
    /** The same in words, one "field: new (was old)" a line, for the forms, the letter and the trail. */
    public static final String AMENDMENT_CHANGES = "amendmentChanges";
    /** True once the amendment says what changes (an amendment the IRB opened is described by the lead first). */
    public static final String AMENDMENT_DESCRIBED = "amendmentDescribed";
    /** The modifications the IRB required when it opened the amendment after reportable new information. */
    public static final String AMENDMENT_REQUIRED = "amendmentRequired";
    public static final String AMENDMENT_BY = "amendmentBy";
    /** The pathway of the plan before the amendment; {@code oversightPathway} is the amended answers' pathway. */
    public static final String PATHWAY_BEFORE = "pathwayBeforeAmendment";

    /** What an amendment may change, besides the units. */
    public static final List<String> CHANGEABLE = List.of(CHANGE_IDEA, AIM, AIM_TARGET, MEASURE_NAME, MEASURE_DEFINITION, BALANCING_MEASURE,
            MEASUREMENT_WEEKS, INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES, GENERALIZABLE_KNOWLEDGE,
            FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, AIMS_LOCAL_IMPROVEMENT, INTENDS_TO_PUBLISH);

    /** The yes/no answers of the oversight questionnaire among {@link #CHANGEABLE}. */
    public static final List<String> ANSWERS = List.of(INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES,
            GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, AIMS_LOCAL_IMPROVEMENT, INTENDS_TO_PUBLISH);

    /** What the amendment takes from the running plan, amends and hands to its review. */
    public static final List<String> PLAN = List.of(PROJECT_KEY, PROJECT_LEAD, TITLE, PROBLEM, UNITS, AIM, CHANGE_IDEA, MEASURE_NAME, MEASURE_TYPE,
            IMPROVEMENT_DIRECTION, MEASURE_DEFINITION, AIM_TARGET, BALANCING_MEASURE, MEASUREMENT_WEEKS, OVERSIGHT_PATHWAY, CYCLE_NUMBER,
            INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES, GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH,
            IDENTIFIABLE_DATA, AIMS_LOCAL_IMPROVEMENT, INTENDS_TO_PUBLISH, PATIENT_FACING, PLAIN_SUMMARY, PLAN_VERSION);

    /** The start form's and the describing task's field for a change of {@code field} ("amendAim" for "aim"). */
    public static String formField(String field) {
        return "amend" + Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }

    private AmendmentProcess() {
    }
}
