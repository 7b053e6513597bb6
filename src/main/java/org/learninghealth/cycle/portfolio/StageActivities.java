package org.learninghealth.cycle.portfolio;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.learninghealth.cycle.project.CycleVariables;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * The {@code stage_activity} table: one row per finished activity of a {@link Stage}, what lead times are computed
 * from. Written when an activity ends ({@link StageActivityRecorder}) and, for the history before it existed, filled
 * from Camunda's activity history ({@link StageActivityBackfill}); both write the same columns from the same tables.
 */
public final class StageActivities {

    /** The pathway of the review a call activity instance ({@code ?}) called, from that review's own variable. */
    static final String PATHWAY_OF_CALLED = "select max(v.TEXT_) from ACT_HI_VARINST v where v.PROC_INST_ID_ ="
            + " (select c.CALL_PROC_INST_ID_ from ACT_HI_ACTINST c where c.ID_ = ?) and v.NAME_ = '" + CycleVariables.OVERSIGHT_PATHWAY + "'";

    private StageActivities() {
    }

    /**
     * The spans of the stages that ended in [after, before): per stage, the activities of one process instance summed
     * (loops such as clarification or modifications add up), each oversight review on its own with its pathway.
     */
    static List<LeadTimeService.Span> spans(JdbcOperations jdbc, Timestamp after, Timestamp before) {
        List<LeadTimeService.Span> spans = new ArrayList<>();
        // grouped on the short key alone (a wide one makes the database sort on disk over ten years of rows)
        jdbc.query("select stage, sum(duration_ms), max(ended_at) from stage_activity where stage <> ? and ended_at >= ? and ended_at < ?"
                + " group by stage, process_instance_id", rs -> {
            spans.add(new LeadTimeService.Span(Stage.valueOf(rs.getString(1)), null, rs.getLong(2) / LeadTimeService.MILLIS_PER_DAY,
                    rs.getTimestamp(3).toInstant()));
        }, Stage.OVERSIGHT_REVIEW.name(), after, before);
        jdbc.query("select pathway, duration_ms, ended_at from stage_activity where stage = ? and ended_at >= ? and ended_at < ?", rs -> {
            spans.add(new LeadTimeService.Span(Stage.OVERSIGHT_REVIEW, rs.getString(1), rs.getLong(2) / LeadTimeService.MILLIS_PER_DAY,
                    rs.getTimestamp(3).toInstant()));
        }, Stage.OVERSIGHT_REVIEW.name(), after, before);
        return spans;
    }

    /** Challenge described to the first adoption decision in [after, before) of each project decided then. */
    static List<LeadTimeService.Span> toFirstDecision(JdbcOperations jdbc, Timestamp after, Timestamp before) {
        List<LeadTimeService.Span> totals = new ArrayList<>();
        jdbc.query("select min(ended_at), max(instance_started_at) from stage_activity where activity_id = ? and ended_at >= ? and ended_at < ?"
                + " group by process_instance_id", rs -> {
            Timestamp started = rs.getTimestamp(2);
            if (started != null) {
                Instant decided = rs.getTimestamp(1).toInstant();
                totals.add(new LeadTimeService.Span(null, null, (decided.toEpochMilli() - started.getTime()) / LeadTimeService.MILLIS_PER_DAY, decided));
            }
        }, LearningCycleProcess.TASK_DECIDE, after, before);
        return totals;
    }

    /** The stage of each activity id, as a SQL {@code case} over {@code column}. */
    static String stageOf(String column) {
        StringBuilder sql = new StringBuilder("case");
        for (Stage stage : Stage.values()) {
            sql.append(" when ").append(column).append(" in (").append(quoted(stage.activities())).append(") then '").append(stage.name()).append('\'');
        }
        return sql.append(" end").toString();
    }

    static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    static List<String> allActivities() {
        return java.util.Arrays.stream(Stage.values()).flatMap(s -> s.activities().stream()).toList();
    }
}
