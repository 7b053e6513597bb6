package org.learninghealth.cycle.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Knowledge records in the application's own table. */
@Repository
public class KnowledgeRepository {

    private static final String COLUMNS = "id, project_key, cycle_number, title, challenge, setting, change_idea, measure, result, effect,"
            + " decision, rationale, lessons, evidence_used, sustain, partners, spread, demo, updated_at";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public KnowledgeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Inserts or replaces the record of a project's cycle (idempotent per project and cycle), decided now (the engine's
     * clock). @return its id
     */
    public long save(KnowledgeRecord r) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        Timestamp decided = new Timestamp(ClockUtil.getCurrentTime().getTime());
        int updated = jdbc.update("update knowledge_record set title = ?, challenge = ?, setting = ?, change_idea = ?, measure = ?, result = ?,"
                        + " effect = ?, decision = ?, rationale = ?, lessons = ?, evidence_used = ?, partners = ?, demo = ?, decided_at = ?, updated_at = ?"
                        + " where project_key = ? and cycle_number = ?",
                r.title(), r.challenge(), r.setting(), r.changeIdea(), r.measure(), r.result(), r.effect(), r.decision(), r.rationale(),
                r.lessons(), r.evidenceUsed(), r.partners(), r.demo(), decided, now, r.projectKey(), r.cycleNumber());
        if (updated == 0) {
            jdbc.update("insert into knowledge_record (project_key, cycle_number, title, challenge, setting, change_idea, measure, result,"
                            + " effect, decision, rationale, lessons, evidence_used, partners, demo, decided_at, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    r.projectKey(), r.cycleNumber(), r.title(), r.challenge(), r.setting(), r.changeIdea(), r.measure(), r.result(),
                    r.effect(), r.decision(), r.rationale(), r.lessons(), r.evidenceUsed(), r.partners(), r.demo(), decided, now);
        }
        return jdbc.queryForObject("select id from knowledge_record where project_key = ? and cycle_number = ?", Long.class,
                r.projectKey(), r.cycleNumber());
    }

    /** Monitoring of the adopted change of a project's cycle began; the record was captured at the decision. */
    public void startSustain(String projectKey, int cycle, LocalDate since) {
        update("update knowledge_record set sustain_since = ?, sustain_ended = null, sustain_outcome = null, sustain = null, updated_at = ?"
                + " where project_key = ? and cycle_number = ?", projectKey, cycle, since, new Timestamp(System.currentTimeMillis()), projectKey, cycle);
    }

    /** How the adopted change held up: in words, how monitoring ended ({@code sustained}, {@code stopped}, {@code new-cycle}) and when. */
    public void recordSustain(String projectKey, int cycle, String text, String outcome, LocalDate ended) {
        update("update knowledge_record set sustain = ?, sustain_outcome = ?, sustain_ended = ?, updated_at = ? where project_key = ? and cycle_number = ?",
                projectKey, cycle, text, outcome, ended, new Timestamp(System.currentTimeMillis()), projectKey, cycle);
    }

    private void update(String sql, String projectKey, int cycle, Object... arguments) {
        if (jdbc.update(sql, arguments) != 1) {
            throw new IllegalStateException("No knowledge record of " + projectKey + " cycle " + cycle + " to update");
        }
    }

    /**
     * Of the changes adopted (monitoring begun) at least {@code months} months before {@code asOf}, how many were still
     * sustained {@code months} months after adoption: monitoring not ended by then, or ended sustained. Demo records
     * never count.
     */
    public SustainShare sustainShare(LocalDate asOf, int months) {
        LocalDate adoptedBy = asOf.minusMonths(months);
        int[] counts = new int[2];
        jdbc.query("select sustain_since, sustain_ended, sustain_outcome from knowledge_record where demo = false and decision = 'ADOPT'"
                + " and sustain_since is not null and sustain_since <= ?", rs -> {
            LocalDate since = rs.getDate(1).toLocalDate();
            LocalDate ended = rs.getDate(2) == null ? null : rs.getDate(2).toLocalDate();
            counts[0]++;
            if (ended == null || "sustained".equals(rs.getString(3)) || !ended.isBefore(since.plusMonths(months))) {
                counts[1]++;
            }
        }, java.sql.Date.valueOf(adoptedBy));
        return new SustainShare(months, adoptedBy, counts[0], counts[1], counts[0] == 0 ? null : (double) counts[1] / counts[0]);
    }

    /** @param share {@code sustained / adopted}, {@code null} when nothing was adopted long enough ago */
    public record SustainShare(int months, LocalDate adoptedBy, int adopted, int sustained, Double share) {
    }

    /** A spread of the adopted change was evaluated: where it held, added to what earlier spreads found. */
    public void recordSpread(String projectKey, int cycle, String text) {
        String earlier = jdbc.query("select spread from knowledge_record where project_key = ? and cycle_number = ?", rs -> rs.next() ? rs.getString(1) : null,
                projectKey, cycle);
        String all = earlier == null ? text : earlier + "\n\n" + text;
        update("update knowledge_record set spread = ?, updated_at = ? where project_key = ? and cycle_number = ?", projectKey, cycle,
                all.length() <= 8000 ? all : "…" + all.substring(all.length() - 7999), new Timestamp(System.currentTimeMillis()), projectKey, cycle);
    }

    /**
     * The manager shared the finished project of this record on the public learning page: what the page shows of it, in
     * plain words.
     */
    public void share(String projectKey, int cycle, String summary, String result) {
        Timestamp now = new Timestamp(System.currentTimeMillis());
        update("update knowledge_record set plain_summary = ?, plain_result = ?, shared_publicly = true, shared_at = ?, updated_at = ?"
                + " where project_key = ? and cycle_number = ?", projectKey, cycle, summary, result, now, now, projectKey, cycle);
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
                rs.getString("lessons"), rs.getString("evidence_used"), rs.getString("sustain"), rs.getString("partners"), rs.getString("spread"), rs.getBoolean("demo"), rs.getTimestamp("updated_at").toInstant());
    }
}
