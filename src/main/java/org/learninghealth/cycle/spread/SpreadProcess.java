package org.learninghealth.cycle.spread;

import org.learninghealth.cycle.rollout.SpreadUnits;

/** Keys, element ids and variables of {@code processes/spread.bpmn}: an adopted change spread to more units. */
public final class SpreadProcess {

    public static final String KEY = SpreadUnits.PROCESS_KEY;
    public static final String START = "StartEvent_SpreadRequested";
    public static final String CALL_OVERSIGHT = "CallActivity_SpreadOversight";
    public static final String TASK_RECORD_OVERSIGHT = "Task_RecordSpreadOversight";
    public static final String CALL_ROLLOUT = "CallActivity_SpreadRollout";
    public static final String TIMER_MEASUREMENT = "Timer_SpreadMeasurement";
    public static final String TASK_EVALUATE = "Task_EvaluateSpread";
    public static final String TASK_SEND_DATA = "Task_SendSpreadData";
    public static final String TASK_REVIEW = "Task_ReviewSpread";
    public static final String TASK_RECORD = "Task_RecordSpread";
    public static final String END_NOT_APPROVED = "EndEvent_SpreadNotApproved";
    public static final String END_EVALUATED = "EndEvent_SpreadEvaluated";

    /** The key of the project whose adopted change spreads, as the manager named it; the spread runs under it. */
    public static final String SPREAD_PROJECT = "spreadProject";
    /** The new units, as the manager named them ("6 South, 7 North"). */
    public static final String SPREAD_UNITS = "spreadUnits";
    public static final String SPREAD_REASON = "spreadReason";
    /** True when the change is adapted for the new units; {@link #SPREAD_ADAPTATION} says how. */
    public static final String CHANGE_ADAPTED = "changeAdapted";
    public static final String SPREAD_ADAPTATION = "spreadAdaptation";
    public static final String SPREAD_BY = "spreadBy";
    public static final String SPREAD_NEEDS_REVIEW = "spreadNeedsReview";
    /** What oversight made of the spread, in words; "no new review" and why on the QI pathway with an unchanged change. */
    public static final String SPREAD_OVERSIGHT = "spreadOversight";
    public static final String SPREAD_APPROVED = "spreadApproved";
    public static final String SPREAD_DATA_SUFFICIENT = "spreadDataSufficient";
    public static final String SPREAD_SHORTFALL = "spreadShortfall";
    /** "Held on 6 South; did not hold on 7 North." and each unit's sentence. */
    public static final String SPREAD_SUMMARY = "spreadSummary";
    public static final String SPREAD_HELD_ON = "spreadHeldOn";
    public static final String SPREAD_NOT_HELD_ON = "spreadNotHeldOn";
    /** The manager's conclusion when reviewing the results. */
    public static final String SPREAD_CONCLUSION = "spreadConclusion";

    private SpreadProcess() {
    }
}
