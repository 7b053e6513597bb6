package org.learninghealth.cycle.amendment;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every version of a project's plan that an approved amendment put in force (table {@code plan_version}). */
@Repository
public class PlanVersions {

    /** One approved amendment and the plan version it made. */
    public record PlanVersion(String projectKey, int version, int cycle, String amendmentId, String summary, String changes, String addedUnits,
                              String removedUnits, String pathwayBefore, String pathwayAfter, String reviewers, Instant approvedAt) {
    }

    private static final String COLUMNS = "project_key, version, cycle_number, amendment_id, summary, changes, added_units, removed_units,"
            + " pathway_before, pathway_after, reviewers, approved_at";

    private final JdbcTemplate jdbc;

    public PlanVersions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the version once per amendment (a retried step does not record it twice). */
    public void record(PlanVersion v) {
        if (jdbc.queryForObject("select count(*) from plan_version where amendment_id = ?", Integer.class, v.amendmentId()) == 0) {
            jdbc.update("insert into plan_version (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", v.projectKey(), v.version(), v.cycle(),
                    v.amendmentId(), v.summary(), v.changes(), v.addedUnits(), v.removedUnits(), v.pathwayBefore(), v.pathwayAfter(), v.reviewers(),
                    Timestamp.from(v.approvedAt()));
        }
    }

    public List<PlanVersion> of(String projectKey) {
        return jdbc.query("select " + COLUMNS + " from plan_version where project_key = ? order by version", (rs, i) -> new PlanVersion(rs.getString(1),
                rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getTimestamp(12).toInstant()), projectKey);
    }
}
