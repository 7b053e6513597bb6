package org.learninghealth.cycle.knowledge;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The evidence each cycle's plan rested on (table {@code evidence_use}): for the time from a publication to practice,
 * and for how often a knowledge record was reused by later projects.
 */
@Repository
public class EvidenceUses {

    /**
     * One ticked item.
     *
     * @param evidenceId {@code pubmed:<PMID>} or {@code local:<project key>/<cycle>}
     * @param published  the day a PubMed article was first public; {@code null} for local knowledge or an unknown date
     */
    public record Use(String evidenceId, String source, String reference, LocalDate published) {
    }

    /**
     * An adoption decision and what its plan rested on, over every cycle of the project up to the adopting one.
     *
     * @param latestPublished the newest publication date among the ticked articles ({@code null}: none, or none dated)
     * @param articles        how many PubMed articles were ticked
     * @param localRecords    how many knowledge records of the organisation were ticked
     * @param lastUnitLive    the day the last unit of the adopting cycle went live (spread units included)
     */
    public record Adoption(String projectKey, int cycle, Instant decidedAt, LocalDate latestPublished, int articles, int localRecords,
                           LocalDate lastUnitLive) {
    }

    /** The source names evidence items carry (the lookup's sources). */
    public static final String PUBMED = "PubMed";
    public static final String LOCAL_KNOWLEDGE = "Local knowledge";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public EvidenceUses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** The plan of a project's cycle was submitted resting on these items: they replace what an earlier version ticked. */
    @Transactional
    public void replace(String projectKey, int cycle, List<Use> uses) {
        jdbc.update("delete from evidence_use where project_key = ? and cycle_number = ?", projectKey, cycle);
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        jdbc.batchUpdate("insert into evidence_use (project_key, cycle_number, evidence_id, source, reference, published, recorded_at)"
                + " values (?, ?, ?, ?, ?, ?, ?)", uses.stream().map(u -> new Object[] {projectKey, cycle, u.evidenceId(), u.source(),
                u.reference(), u.published() == null ? null : Date.valueOf(u.published()), now}).toList());
    }

    public List<Use> of(String projectKey, int cycle) {
        return jdbc.query("select evidence_id, source, reference, published from evidence_use where project_key = ? and cycle_number = ?"
                + " order by evidence_id", (rs, i) -> new Use(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate()), projectKey, cycle);
    }

    /**
     * @param evidenceIds knowledge records as evidence ids, {@code local:<key>/<cycle>}
     * @return per {@code local:<key>/<cycle>} the number of other projects whose plan rested on it (absent: none)
     */
    public Map<String, Integer> reuses(Collection<String> evidenceIds) {
        Map<String, Integer> counts = new HashMap<>();
        if (evidenceIds.isEmpty()) {
            return counts;
        }
        // a project reusing its own earlier cycle is the same team carrying on, not reuse
        named.query("select evidence_id, project_key from evidence_use where evidence_id in (:ids) group by evidence_id, project_key",
                Map.of("ids", evidenceIds), rs -> {
                    String id = rs.getString(1);
                    if (!id.startsWith("local:" + rs.getString(2) + "/")) {
                        counts.merge(id, 1, Integer::sum);
                    }
                });
        return counts;
    }

    /**
     * The learning loop in a window of plan submissions: how many plans rested on another project's knowledge record,
     * and how many distinct records they reused.
     */
    public record Reuse(int plans, int records) {
    }

    public Reuse reuse(Instant after, Instant before) {
        Set<String> plans = new HashSet<>();
        Set<String> records = new HashSet<>();
        jdbc.query("select project_key, cycle_number, evidence_id from evidence_use where source = ? and recorded_at >= ? and recorded_at < ?", rs -> {
            String id = rs.getString(3);
            if (!id.startsWith("local:" + rs.getString(1) + "/")) {
                plans.add(rs.getString(1) + "/" + rs.getInt(2));
                records.add(id);
            }
        }, LOCAL_KNOWLEDGE, Timestamp.from(after), Timestamp.from(before));
        return new Reuse(plans.size(), records.size());
    }

    /** Real (not demo) adoption decisions taken from {@code after} (inclusive) to {@code before} (exclusive). */
    public List<Adoption> adoptions(Instant after, Instant before) {
        String ticked = "from evidence_use u where u.project_key = k.project_key and u.cycle_number <= k.cycle_number and u.source = ?";
        return jdbc.query("select k.project_key, k.cycle_number, k.decided_at,"
                        + " (select max(u.published) " + ticked + ") as published,"
                        + " (select count(*) " + ticked + ") as articles,"
                        + " (select count(*) " + ticked + ") as local_records,"
                        + " (select max(g.go_live_date) from unit_go_live g where g.project_key = k.project_key and g.cycle_number = k.cycle_number) as last_live"
                        + " from knowledge_record k where k.decision = 'ADOPT' and k.demo = false and k.decided_at >= ? and k.decided_at < ?"
                        + " order by k.decided_at",
                (rs, i) -> new Adoption(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getDate(4) == null ? null : rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getInt(6),
                        rs.getDate(7) == null ? null : rs.getDate(7).toLocalDate()),
                PUBMED, PUBMED, LOCAL_KNOWLEDGE, Timestamp.from(after), Timestamp.from(before));
    }
}
