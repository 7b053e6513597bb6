package org.learninghealth.cycle.rollout;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Go-live per unit and cycle. */
@Repository
public class GoLiveRepository {

    private final JdbcTemplate jdbc;

    public GoLiveRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Idempotent: recording the same unit again replaces its row. */
    public void record(String projectKey, int cycle, String unit, LocalDate goLive, String fidelityNotes, String checklist, String recordedBy) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        int updated = jdbc.update("update unit_go_live set go_live_date = ?, fidelity_notes = ?, checklist = ?, recorded_by = ?, recorded_at = ?"
                        + " where project_key = ? and cycle_number = ? and unit = ?",
                Date.valueOf(goLive), fidelityNotes, checklist, recordedBy, now, projectKey, cycle, unit);
        if (updated == 0) {
            jdbc.update("insert into unit_go_live (project_key, cycle_number, unit, go_live_date, fidelity_notes, checklist, recorded_by, recorded_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)", projectKey, cycle, unit, Date.valueOf(goLive), fidelityNotes, checklist, recordedBy, now);
        }
    }

    /** @return the earliest go-live of the cycle, or {@code null} when no unit went live */
    public LocalDate firstGoLive(String projectKey, int cycle) {
        Date first = jdbc.queryForObject("select min(go_live_date) from unit_go_live where project_key = ? and cycle_number = ?",
                Date.class, projectKey, cycle);
        return first == null ? null : first.toLocalDate();
    }

    /** Unit and go-live date of every unit of the cycle that went live, earliest first. */
    public List<UnitGoLive> goLives(String projectKey, int cycle) {
        return jdbc.query("select unit, go_live_date from unit_go_live where project_key = ? and cycle_number = ? order by go_live_date, unit",
                (rs, i) -> new UnitGoLive(rs.getString(1), rs.getDate(2).toLocalDate()), projectKey, cycle);
    }
}
