package org.learninghealth.cycle.rollout;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The units an adopted change was spread to (table {@code unit_spread}), one row per project, cycle and unit. */
@Repository
public class SpreadUnits {

    /** The key of {@code processes/spread.bpmn}, which writes these rows. */
    public static final String PROCESS_KEY = "spread";

    public static final String REQUESTED = "requested";
    public static final String APPROVED = "approved";
    public static final String NOT_APPROVED = "not-approved";
    public static final String EVALUATED = "evaluated";
    /** The project was halted or withdrawn while the spread ran. */
    public static final String STOPPED = "stopped";

    /** A unit of a spread and where it stands. @param held {@code null} until the spread was evaluated */
    public record SpreadUnit(String projectKey, int cycle, String unit, String spreadInstanceId, String status, Boolean held, String result) {
    }

    /**
     * Per project with a spread.
     *
     * @param spreadUnits  units the spreads not refused by oversight add to the adopting plan's
     * @param live         units of the adopting cycle live, the plan's and the spreads'
     * @param lastLive     the day the last of them went live; {@code null} when none is
     * @param adoptedAt    when the change was adopted
     */
    public record Coverage(int spreadUnits, int live, java.time.LocalDate lastLive, java.time.Instant adoptedAt) {
    }

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public SpreadUnits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A spread to these units was asked for; a unit an earlier spread was refused or stopped for is asked for again. */
    public void request(String projectKey, int cycle, List<String> units, String spreadInstanceId, String reason, String requestedBy) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        for (String unit : units) {
            if (jdbc.update("update unit_spread set spread_instance_id = ?, reason = ?, requested_by = ?, requested_at = ?, status = ?, held = null,"
                    + " result = null where project_key = ? and cycle_number = ? and unit = ? and status in (?, ?)", spreadInstanceId, reason, requestedBy,
                    now, REQUESTED, projectKey, cycle, unit, NOT_APPROVED, STOPPED) == 0) {
                jdbc.update("insert into unit_spread (project_key, cycle_number, unit, spread_instance_id, reason, requested_by, requested_at, status)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)", projectKey, cycle, unit, spreadInstanceId, reason, requestedBy, now, REQUESTED);
            }
        }
    }

    /** Oversight's answer to a spread (or none needed: approved). */
    public void decided(String spreadInstanceId, boolean approved) {
        jdbc.update("update unit_spread set status = ? where spread_instance_id = ? and status = ?", approved ? APPROVED : NOT_APPROVED,
                spreadInstanceId, REQUESTED);
    }

    public void stopped(String spreadInstanceId) {
        jdbc.update("update unit_spread set status = ? where spread_instance_id = ? and status <> ?", STOPPED, spreadInstanceId, EVALUATED);
    }

    public void evaluated(String spreadInstanceId, String unit, boolean held, String result) {
        jdbc.update("update unit_spread set status = ?, held = ?, result = ? where spread_instance_id = ? and unit = ?", EVALUATED, held,
                result.length() > 1000 ? result.substring(0, 999) + "…" : result, spreadInstanceId, unit);
    }

    /** The units of one spread, in the order asked for. */
    public List<SpreadUnit> of(String spreadInstanceId) {
        return jdbc.query("select project_key, cycle_number, unit, spread_instance_id, status, held, result from unit_spread where spread_instance_id = ?"
                + " order by requested_at, unit", (rs, i) -> new SpreadUnit(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                rs.getString(5), (Boolean) rs.getObject(6), rs.getString(7)), spreadInstanceId);
    }

    /** Every unit a project's change was or is being spread to, except those oversight refused or a halt stopped. */
    public List<String> active(String projectKey) {
        return jdbc.queryForList("select unit from unit_spread where project_key = ? and status not in (?, ?) order by requested_at, unit",
                String.class, projectKey, NOT_APPROVED, STOPPED);
    }

    /**
     * Every project with a spread: how many units the spreads not refused add, how many units of the adopting cycle are
     * live (the plan's and the spreads'), and the day the last of them went live. Two grouped queries, whatever the
     * number of projects.
     */
    public Map<String, Coverage> coverage() {
        Map<String, Integer> added = new HashMap<>();
        Map<String, Integer> cycles = new HashMap<>();
        jdbc.query("select project_key, cycle_number, count(*) from unit_spread where status not in (?, ?) group by project_key, cycle_number", rs -> {
            added.merge(rs.getString(1), rs.getInt(3), Integer::sum);
            cycles.merge(rs.getString(1), rs.getInt(2), Math::max);
        }, NOT_APPROVED, STOPPED);
        Map<String, Coverage> coverage = new HashMap<>();
        Map<String, java.time.Instant> adopted = new HashMap<>();
        jdbc.query("select k.project_key, k.cycle_number, k.decided_at from knowledge_record k where k.decision = 'ADOPT' and exists (select 1 from"
                + " unit_spread s where s.project_key = k.project_key and s.cycle_number = k.cycle_number)", rs -> {
            Integer cycle = cycles.get(rs.getString(1));
            if (rs.getTimestamp(3) != null && cycle != null && cycle == rs.getInt(2)) {
                adopted.put(rs.getString(1), rs.getTimestamp(3).toInstant());
            }
        });
        jdbc.query("select g.project_key, g.cycle_number, count(*), max(g.go_live_date) from unit_go_live g where exists (select 1 from unit_spread s"
                + " where s.project_key = g.project_key and s.cycle_number = g.cycle_number) group by g.project_key, g.cycle_number", rs -> {
            String key = rs.getString(1);
            if (cycles.containsKey(key) && cycles.get(key) == rs.getInt(2)) {
                coverage.put(key, new Coverage(added.get(key), rs.getInt(3), rs.getDate(4).toLocalDate(), adopted.get(key)));
            }
        });
        added.forEach((key, units) -> coverage.putIfAbsent(key, new Coverage(units, 0, null, adopted.get(key))));
        return coverage;
    }
}
