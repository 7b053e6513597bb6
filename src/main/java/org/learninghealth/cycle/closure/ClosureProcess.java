package org.learninghealth.cycle.closure;

import java.util.Arrays;
import java.util.Optional;
import org.learninghealth.cycle.project.LearningCycleProcess;

/** Keys, element ids and variables of {@code processes/closure.bpmn}: an IRB-approved project closed with the IRB. */
public final class ClosureProcess {

    public static final String KEY = "closure";
    public static final String START = "StartEvent_ProjectEnded";
    public static final String TASK_SUBMIT_REPORT = "Task_SubmitClosureReport";
    public static final String TASK_ACKNOWLEDGE = "Task_AcknowledgeClosure";
    public static final String TASK_ISSUE_LETTER = "Task_IssueClosureLetter";
    public static final String END_CLOSED = "EndEvent_ProjectClosed";

    /** How the project ended ({@link Ending}). */
    public static final String CLOSURE_ENDING = "closureEnding";
    /** The same in words, for the forms and the letter. */
    public static final String CLOSURE_ENDING_TEXT = "closureEndingText";
    /** The closure report: pre-filled from the cycle, corrected by the lead. */
    public static final String CLOSURE_SUMMARY = "closureSummary";
    /** Unanticipated problems, safety events or complaints since the last review, or "None". */
    public static final String CLOSURE_PROBLEMS = "closureProblems";
    /** Where the project's data are kept, for how long, and what was destroyed. */
    public static final String CLOSURE_DATA = "closureDataDisposition";
    /** The lead confirms that all activity on the units has ended. */
    public static final String CLOSURE_ACTIVITIES_ENDED = "closureActivitiesEnded";
    /** The IRB reviewer's answer: {@code ACKNOWLEDGE} or {@code RETURN}. */
    public static final String CLOSURE_DECISION = "closureDecision";
    public static final String CLOSURE_COMMENTS = "closureComments";
    /** Who acknowledged (or returned) the report. */
    public static final String CLOSURE_REVIEWER = "closureReviewer";
    /** The acknowledgement letter's download link. */
    public static final String CLOSURE_LETTER = "closureLetter";

    /** The endings of a learning cycle that close it with the IRB, each at its end event. */
    public enum Ending {
        SUSTAINED(LearningCycleProcess.END_SUSTAINED, "adopted; the change was sustained and monitoring ended"),
        MONITORING_STOPPED(LearningCycleProcess.END_MONITORING_STOPPED, "adopted; monitoring of the change was stopped"),
        ABANDONED(LearningCycleProcess.END_ABANDONED, "the change was abandoned"),
        TERMINATED(LearningCycleProcess.END_HALTED, "terminated by the IRB after a reported safety event"),
        WITHDRAWN(LearningCycleProcess.END_WITHDRAWN, "withdrawn");

        private final String endEvent;
        private final String words;

        Ending(String endEvent, String words) {
            this.endEvent = endEvent;
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** The ending of the learning cycle's end event, if it is one that closes. */
        public static Optional<Ending> at(String endEventId) {
            return Arrays.stream(values()).filter(e -> e.endEvent.equals(endEventId)).findFirst();
        }
    }

    /** What the IRB reviewer may answer. */
    public enum Answer { ACKNOWLEDGE, RETURN }

    private ClosureProcess() {
    }
}
