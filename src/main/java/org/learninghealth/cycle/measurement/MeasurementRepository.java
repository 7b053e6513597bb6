package org.learninghealth.cycle.measurement;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The measurement store: one row per project, cycle and period. */
@Repository
public class MeasurementRepository {

    private final JdbcTemplate jdbc;

    public MeasurementRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds new periods and replaces the values of periods already stored; other stored periods stay. Three
     * statements whatever the number of points (which periods exist, then one batch of updates, one of inserts):
     * ten years of daily values are 3,653 rows.
     */
    public void merge(String projectKey, int cycle, List<MeasurementPoint> points, String recordedBy) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        Set<LocalDate> stored = new HashSet<>(jdbc.query("select period from measurement where project_key = ? and cycle_number = ?",
                (rs, i) -> rs.getDate(1).toLocalDate(), projectKey, cycle));
        List<Object[]> updates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (MeasurementPoint p : points) {
            if (stored.contains(p.period())) {
                updates.add(new Object[] {p.numerator(), p.denominator(), p.value(), recordedBy, now, projectKey, cycle, Date.valueOf(p.period())});
            } else {
                inserts.add(new Object[] {projectKey, cycle, Date.valueOf(p.period()), p.numerator(), p.denominator(), p.value(), recordedBy, now});
            }
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("update measurement set numerator = ?, denominator = ?, measured_value = ?, recorded_by = ?, recorded_at = ?"
                    + " where project_key = ? and cycle_number = ? and period = ?", updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into measurement (project_key, cycle_number, period, numerator, denominator, measured_value, recorded_by, recorded_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
    }

    public List<MeasurementPoint> series(String projectKey, int cycle) {
        return jdbc.query("select period, numerator, denominator, measured_value from measurement where project_key = ? and cycle_number = ? order by period",
                (rs, i) -> new MeasurementPoint(rs.getDate(1).toLocalDate(), (Double) rs.getObject(2), (Double) rs.getObject(3), (Double) rs.getObject(4)),
                projectKey, cycle);
    }
}
