package org.learninghealth.cycle.portfolio;

import static org.learninghealth.cycle.project.LearningCycleProcess.*;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.spread.SpreadProcess;

/**
 * The stages of a learning cycle as managers speak of them, each made of the model elements a project spends its
 * time in while it is in that stage.
 */
public enum Stage {
    TRIAGE("Triage", TASK_TRIAGE, TASK_CLARIFY),
    EVIDENCE_AND_PLANNING("Evidence and planning", TASK_LOOK_UP_EVIDENCE, TASK_PLAN, TASK_PATHWAY),
    PARTNER_REVIEW("Patient and family review", CALL_PATIENT_REVIEW),
    OVERSIGHT_REVIEW("Oversight review", CALL_OVERSIGHT),
    ROLLOUT("Rollout", CALL_ROLLOUT + "#multiInstanceBody"),
    MEASUREMENT("Measurement", TIMER_MEASUREMENT, TASK_SUBMIT_MEASUREMENTS),
    EVALUATION_AND_DECISION("Evaluation and decision", TASK_EVALUATE, TASK_RECOMMEND, TASK_INTERPRET, CALL_PATIENT_INTERPRETATION, TASK_DECIDE),
    KNOWLEDGE("Capturing knowledge", TASK_CAPTURE, TASK_NEXT_CYCLE, TASK_CAPTURE_HALTED, TASK_CAPTURE_WITHDRAWN, TASK_CYCLE_AFTER_SLIP),
    /** after adoption: monitored until sustained, stopped or slipped into a new cycle; not part of "challenge to decision" */
    SUSTAINING("Sustaining", SUB_SUSTAIN),
    SAFETY_REVIEW("Safety review", TASK_REVIEW_SAFETY_EVENT),
    /** the IRB suspended the project after reportable new information: every go-live held until it resumes or terminates it */
    SUSPENDED("Suspended by the IRB", CALL_SUSPENSION),
    /** after adoption: the change spread to more units, from the request to the evaluation per unit; not part of "challenge to decision" */
    SPREAD("Spread", SpreadProcess.CALL_OVERSIGHT, SpreadProcess.TASK_RECORD_OVERSIGHT, SpreadProcess.CALL_ROLLOUT + "#multiInstanceBody",
            SpreadProcess.TIMER_MEASUREMENT, SpreadProcess.TASK_EVALUATE, SpreadProcess.TASK_SEND_DATA, SpreadProcess.TASK_REVIEW, SpreadProcess.TASK_RECORD),
    /** after an IRB-approved project ended: the closure report and its acknowledgement; not part of "challenge to decision" */
    CLOSURE("IRB closure", ClosureProcess.TASK_SUBMIT_REPORT, ClosureProcess.TASK_ACKNOWLEDGE, ClosureProcess.TASK_ISSUE_LETTER);

    private final String label;
    private final List<String> activities;

    Stage(String label, String... activities) {
        this.label = label;
        this.activities = List.of(activities);
    }

    public String label() {
        return label;
    }

    public List<String> activities() {
        return activities;
    }

    /** The stages after the decision: wanted to last (sustaining) or the work that follows it; never the bottleneck. */
    public boolean afterTheDecision() {
        return this == SUSTAINING || this == SPREAD || this == CLOSURE;
    }

    public static Optional<Stage> of(String activityId) {
        return Arrays.stream(values()).filter(s -> s.activities.contains(activityId)).findFirst();
    }

    /** By its name ({@code ROLLOUT}) or label ({@code Rollout}), case-insensitive. */
    public static Optional<Stage> named(String text) {
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(text.replace(' ', '_')) || s.label.equalsIgnoreCase(text)).findFirst();
    }
}
