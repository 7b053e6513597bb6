package org.learninghealth.cycle.measurement;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
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

    /** Adds new periods and replaces the values of periods already stored; other stored periods stay. */
    public void merge(String projectKey, int cycle, List<MeasurementPoint> points, String recordedBy) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        for (MeasurementPoint p : points) {
            int updated = jdbc.update("update measurement set numerator = ?, denominator = ?, measured_value = ?, recorded_by = ?, recorded_at = ?"
                            + " where project_key = ? and cycle_number = ? and period = ?",
                    p.numerator(), p.denominator(), p.value(), recordedBy, now, projectKey, cycle, Date.valueOf(p.period()));
            if (updated == 0) {
                jdbc.update("insert into measurement (project_key, cycle_number, period, numerator, denominator, measured_value, recorded_by, recorded_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)", projectKey, cycle, Date.valueOf(p.period()), p.numerator(), p.denominator(), p.value(), recordedBy, now);
            }
        }
    }

    public List<MeasurementPoint> series(String projectKey, int cycle) {
        return jdbc.query("select period, numerator, denominator, measured_value from measurement where project_key = ? and cycle_number = ? order by period",
                (rs, i) -> new MeasurementPoint(rs.getDate(1).toLocalDate(), (Double) rs.getObject(2), (Double) rs.getObject(3), (Double) rs.getObject(4)),
                projectKey, cycle);
    }
}
