package org.learninghealth.cycle.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Knowledge records in the application's own table. */
@Repository
public class KnowledgeRepository {

    private static final String COLUMNS = "id, project_key, cycle_number, title, challenge, setting, change_idea, measure, result, effect,"
            + " decision, rationale, lessons, evidence_used, demo, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public KnowledgeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Inserts or replaces the record of a project's cycle (idempotent per project and cycle). @return its id */
    public long save(KnowledgeRecord r) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        int updated = jdbc.update("update knowledge_record set title = ?, challenge = ?, setting = ?, change_idea = ?, measure = ?, result = ?,"
                        + " effect = ?, decision = ?, rationale = ?, lessons = ?, evidence_used = ?, demo = ?, updated_at = ? where project_key = ? and cycle_number = ?",
                r.title(), r.challenge(), r.setting(), r.changeIdea(), r.measure(), r.result(), r.effect(), r.decision(), r.rationale(),
                r.lessons(), r.evidenceUsed(), r.demo(), now, r.projectKey(), r.cycleNumber());
        if (updated == 0) {
            jdbc.update("insert into knowledge_record (project_key, cycle_number, title, challenge, setting, change_idea, measure, result,"
                            + " effect, decision, rationale, lessons, evidence_used, demo, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.projectKey(), r.cycleNumber(), r.title(), r.challenge(), r.setting(), r.changeIdea(), r.measure(), r.result(),
                    r.effect(), r.decision(), r.rationale(), r.lessons(), r.evidenceUsed(), r.demo(), now);
        }
        return jdbc.queryForObject("select id from knowledge_record where project_key = ? and cycle_number = ?", Long.class,
                r.projectKey(), r.cycleNumber());
    }

    public Optional<KnowledgeRecord> find(String projectKey, int cycle) {
        return jdbc.query("select " + COLUMNS + " from knowledge_record where project_key = ? and cycle_number = ?", this::map, projectKey, cycle)
                .stream().findFirst();
    }

    public List<KnowledgeRecord> changedSince(Instant since) {
        return jdbc.query("select " + COLUMNS + " from knowledge_record where updated_at >= ?", this::map, Timestamp.from(since));
    }

    /** @return a value that changes whenever a record is added or changed */
    public String version() {
        return jdbc.queryForObject("select count(*), max(updated_at) from knowledge_record", (rs, i) -> rs.getLong(1) + "/" + rs.getTimestamp(2));
    }

    public Map<Long, KnowledgeRecord> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return named.query("select " + COLUMNS + " from knowledge_record where id in (:ids)", Map.of("ids", ids), this::map)
                .stream().collect(Collectors.toMap(KnowledgeRecord::id, Function.identity()));
    }

    public long count() {
        return jdbc.queryForObject("select count(*) from knowledge_record", Long.class);
    }

    private KnowledgeRecord map(ResultSet rs, int row) throws SQLException {
        return new KnowledgeRecord(rs.getLong("id"), rs.getString("project_key"), rs.getInt("cycle_number"), rs.getString("title"),
                rs.getString("challenge"), rs.getString("setting"), rs.getString("change_idea"), rs.getString("measure"),
                rs.getString("result"), rs.getString("effect"), rs.getString("decision"), rs.getString("rationale"),
                rs.getString("lessons"), rs.getString("evidence_used"), rs.getBoolean("demo"), rs.getTimestamp("updated_at").toInstant());
    }
}
