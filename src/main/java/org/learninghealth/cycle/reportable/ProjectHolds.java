package org.learninghealth.cycle.reportable;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The IRB's suspensions of projects (table {@code project_hold}): since when, why, by whom, and how each ended. */
@Repository
public class ProjectHolds {

    /** One suspension; {@code endedOn} and {@code outcome} (RESUME, TERMINATE) once an IRB reviewer decided. */
    public record Hold(long id, String projectKey, LocalDate since, String reason, String classification, String by, LocalDate endedOn, String outcome,
                       String endReason, String endedBy) {
    }

    private static final String COLUMNS = "id, project_key, since, reason, classification, held_by, ended_on, outcome, end_reason, ended_by";

    private final JdbcTemplate jdbc;

    public ProjectHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Holds the project, once per suspension process instance (a retried step does not hold twice). */
    public void hold(String projectKey, String suspensionId, LocalDate since, String reason, String classification, String by) {
        if (jdbc.queryForObject("select count(*) from project_hold where suspension_id = ?", Integer.class, suspensionId) == 0) {
            jdbc.update("insert into project_hold (project_key, suspension_id, since, reason, classification, held_by) values (?, ?, ?, ?, ?, ?)",
                    projectKey, suspensionId, Date.valueOf(since), reason, classification, by);
        }
    }

    public void end(String suspensionId, LocalDate on, String outcome, String reason, String by) {
        jdbc.update("update project_hold set ended_on = ?, outcome = ?, end_reason = ?, ended_by = ? where suspension_id = ? and ended_on is null",
                Date.valueOf(on), outcome, reason, by, suspensionId);
    }

    /** The suspension in force, if any. */
    public Optional<Hold> active(String projectKey) {
        return jdbc.query("select " + COLUMNS + " from project_hold where project_key = ? and ended_on is null order by since, id", (rs, i) -> map(rs),
                projectKey).stream().findFirst();
    }

    /** Every project suspended now: at most one row per running project. */
    public List<Hold> allActive() {
        return jdbc.query("select " + COLUMNS + " from project_hold where ended_on is null", (rs, i) -> map(rs));
    }

    private static Hold map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Hold(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate(), rs.getString(8), rs.getString(9), rs.getString(10));
    }
}
