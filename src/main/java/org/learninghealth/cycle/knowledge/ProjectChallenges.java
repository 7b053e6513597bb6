package org.learninghealth.cycle.knowledge;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The challenge of every project, in the application's own table, for finding the projects on the same problem. */
@Repository
public class ProjectChallenges {

    /** A project's challenge as its lead described it. */
    public record ProjectChallenge(String projectKey, String processInstanceId, String title, String challenge, String measure, String units,
                                   String lead, Instant updatedAt) {
    }

    private static final String COLUMNS = "project_key, process_instance_id, title, challenge, measure, units, lead, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public ProjectChallenges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Inserts or replaces the challenge of a project. */
    public void save(ProjectChallenge c) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        if (jdbc.update("update project_challenge set title = ?, challenge = ?, measure = ?, units = ?, updated_at = ? where project_key = ?",
                c.title(), c.challenge(), c.measure(), c.units(), now, c.projectKey()) == 0) {
            jdbc.update("insert into project_challenge (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", c.projectKey(), c.processInstanceId(),
                    c.title(), c.challenge(), c.measure(), c.units(), c.lead(), now);
        }
    }

    public List<ProjectChallenge> changedSince(Instant since) {
        return jdbc.query("select " + COLUMNS + " from project_challenge where updated_at >= ?", (rs, i) -> map(rs), Timestamp.from(since));
    }

    /** @return a value that changes whenever a challenge is added or changed */
    public String version() {
        return jdbc.queryForObject("select count(*), max(updated_at) from project_challenge", (rs, i) -> rs.getLong(1) + "/" + rs.getTimestamp(2));
    }

    public Map<String, ProjectChallenge> byKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return named.query("select " + COLUMNS + " from project_challenge where project_key in (:keys)", Map.of("keys", keys), (rs, i) -> map(rs))
                .stream().collect(Collectors.toMap(ProjectChallenge::projectKey, Function.identity()));
    }

    private static ProjectChallenge map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ProjectChallenge(rs.getString("project_key"), rs.getString("process_instance_id"), rs.getString("title"), rs.getString("challenge"),
                rs.getString("measure"), rs.getString("units"), rs.getString("lead"), rs.getTimestamp("updated_at").toInstant());
    }
}
