package org.learninghealth.cycle.measurement;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The measurement store: one row per project, cycle, unit and period ({@code unit = ''} for all units together).
 * Every way in ends in {@link #merge}: new periods are added, re-sent periods with other values replace the stored
 * ones and keep the earlier values as revisions, identical re-sends change nothing.
 */
@Repository
public class MeasurementRepository {

    /** How the store writes "all units together" (a column that is part of the unique key cannot be null). */
    static final String ALL = "";

    /** Rows per JDBC batch: one prepared statement per kind whatever the rows, sent in batches of this size. */
    static final int BATCH = 2_000;

    private final JdbcTemplate jdbc;

    public MeasurementRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record Existing(long id, MeasurementPoint point, String recordedBy, Timestamp recordedAt) {
    }

    /**
     * Five statements whatever the number of rows: what is stored, the upload record, then one prepared statement
     * each for revisions, updates and inserts, executed in batches of {@value #BATCH}. Runs in the caller's transaction.
     */
    public MeasurementUpload merge(String projectKey, int cycle, List<MeasurementRow> rows, String source, String fileName, String recordedBy) {
        Timestamp now = new Timestamp(ClockUtil.getCurrentTime().getTime());
        Map<String, Existing> stored = new HashMap<>();
        jdbc.query("select id, unit, period, numerator, denominator, measured_value, note, excluded, recorded_by, recorded_at from measurement"
                + " where project_key = ? and cycle_number = ?", rs -> {
                    stored.put(rs.getString(2) + "|" + rs.getDate(3).toLocalDate(),
                            new Existing(rs.getLong(1), point(rs, 3), rs.getString(9), rs.getTimestamp(10)));
                }, projectKey, cycle);
        List<Existing> replaced = new ArrayList<>();
        List<MeasurementRow> changed = new ArrayList<>();
        List<MeasurementRow> added = new ArrayList<>();
        for (MeasurementRow row : rows) {
            Existing existing = stored.get(key(row.unit()) + "|" + row.point().period());
            if (existing == null) {
                added.add(row);
            } else if (!existing.point().equals(row.point())) {
                replaced.add(existing);
                changed.add(row);
            }
        }
        TreeSet<LocalDate> periods = rows.stream().map(r -> r.point().period()).collect(Collectors.toCollection(TreeSet::new));
        List<String> units = rows.stream().map(r -> r.unit() == null ? MeasurementUpload.ALL_UNITS : r.unit()).distinct().sorted().toList();
        MeasurementUpload upload = new MeasurementUpload(null, projectKey, cycle, source, fileName, added.size(), changed.size(),
                rows.size() - added.size() - changed.size(), periods.isEmpty() ? null : periods.first(), periods.isEmpty() ? null : periods.last(),
                units, recordedBy, now.toInstant());
        long uploadId = insert(upload, now);
        if (!replaced.isEmpty()) {
            jdbc.batchUpdate("insert into measurement_revision (measurement_id, upload_id, numerator, denominator, measured_value, note, excluded,"
                    + " recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", replaced, BATCH, (ps, e) -> {
                        ps.setLong(1, e.id());
                        ps.setLong(2, uploadId);
                        setValues(ps, 3, e.point());
                        ps.setString(8, e.recordedBy());
                        ps.setTimestamp(9, e.recordedAt());
                    });
            jdbc.batchUpdate("update measurement set numerator = ?, denominator = ?, measured_value = ?, note = ?, excluded = ?, recorded_by = ?,"
                    + " recorded_at = ?, upload_id = ? where project_key = ? and cycle_number = ? and unit = ? and period = ?", changed, BATCH, (ps, r) -> {
                        setValues(ps, 1, r.point());
                        ps.setString(6, recordedBy);
                        ps.setTimestamp(7, now);
                        ps.setLong(8, uploadId);
                        ps.setString(9, projectKey);
                        ps.setInt(10, cycle);
                        ps.setString(11, key(r.unit()));
                        ps.setDate(12, Date.valueOf(r.point().period()));
                    });
        }
        if (!added.isEmpty()) {
            jdbc.batchUpdate("insert into measurement (project_key, cycle_number, unit, period, numerator, denominator, measured_value, note, excluded,"
                    + " recorded_by, recorded_at, upload_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", added, BATCH, (ps, r) -> {
                        ps.setString(1, projectKey);
                        ps.setInt(2, cycle);
                        ps.setString(3, key(r.unit()));
                        ps.setDate(4, Date.valueOf(r.point().period()));
                        setValues(ps, 5, r.point());
                        ps.setString(10, recordedBy);
                        ps.setTimestamp(11, now);
                        ps.setLong(12, uploadId);
                    });
        }
        return new MeasurementUpload(uploadId, projectKey, cycle, source, fileName, upload.stored(), upload.updated(), upload.unchanged(),
                upload.from(), upload.to(), units, recordedBy, upload.recordedAt());
    }

    /** numerator, denominator, value, note, excluded from {@code first} on. */
    private static void setValues(PreparedStatement ps, int first, MeasurementPoint p) throws SQLException {
        ps.setObject(first, p.numerator(), java.sql.Types.DOUBLE);
        ps.setObject(first + 1, p.denominator(), java.sql.Types.DOUBLE);
        ps.setObject(first + 2, p.value(), java.sql.Types.DOUBLE);
        ps.setString(first + 3, p.note());
        ps.setBoolean(first + 4, p.excluded());
    }

    private long insert(MeasurementUpload u, Timestamp now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("insert into measurement_upload (project_key, cycle_number, source, file_name, stored,"
                    + " updated, unchanged, period_from, period_to, units, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, u.projectKey());
            ps.setInt(2, u.cycle());
            ps.setString(3, u.source());
            ps.setString(4, u.fileName());
            ps.setInt(5, u.stored());
            ps.setInt(6, u.updated());
            ps.setInt(7, u.unchanged());
            ps.setDate(8, u.from() == null ? null : Date.valueOf(u.from()));
            ps.setDate(9, u.to() == null ? null : Date.valueOf(u.to()));
            ps.setString(10, fit(String.join(", ", u.units()), 4000));
            ps.setString(11, u.recordedBy());
            ps.setTimestamp(12, now);
            return ps;
        }, key);
        return Objects.requireNonNull(key.getKey()).longValue();
    }

    /**
     * The project's series for the chart and the evaluation, one point per period: a period's all-units row where
     * there is one, else its units together (numerators and denominators summed for proportions and rates, counts
     * summed, continuous values averaged). A period is excluded when a point in it is; its notes are kept. The units
     * the change was spread to after its adoption are left out: each is judged against its own baseline.
     */
    public List<MeasurementPoint> series(String projectKey, int cycle, MeasureType type) {
        Map<LocalDate, MeasurementPoint> all = new TreeMap<>();
        Map<LocalDate, List<Map.Entry<String, MeasurementPoint>>> byUnit = new TreeMap<>();
        // units the adopted change was spread to are judged on their own (their baseline is not the adopted units' level)
        jdbc.query("select unit, period, numerator, denominator, measured_value, note, excluded from measurement where project_key = ? and cycle_number = ?"
                        + " and unit not in (select s.unit from unit_spread s where s.project_key = ? and s.cycle_number = ?)",
                rs -> {
                    MeasurementPoint p = point(rs, 2);
                    String unit = rs.getString(1);
                    if (ALL.equals(unit)) {
                        all.put(p.period(), p);
                    } else {
                        byUnit.computeIfAbsent(p.period(), k -> new ArrayList<>()).add(Map.entry(unit, p));
                    }
                }, projectKey, cycle, projectKey, cycle);
        boolean anyUnit = !byUnit.isEmpty();
        byUnit.forEach((period, points) -> all.computeIfAbsent(period, k -> combined(type, period, points)));
        List<MeasurementPoint> series = List.copyOf(all.values());
        return type == MeasureType.DAYS_BETWEEN_EVENTS && anyUnit ? daysAcrossUnits(series) : series;
    }

    /**
     * The units' events in one timeline: the days of each event since the event before it on any unit (the first keeps
     * its own). Cases between events cannot be merged that way (each unit counts its own cases), so they add up.
     */
    private static List<MeasurementPoint> daysAcrossUnits(List<MeasurementPoint> events) {
        List<MeasurementPoint> merged = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            MeasurementPoint e = events.get(i);
            merged.add(i == 0 ? new MeasurementPoint(e.period(), null, null, e.value(), e.excluded(), e.note()) : e.daysAfter(events.get(i - 1)));
        }
        return merged;
    }

    /** The series of one unit, its own rows only. */
    public List<MeasurementPoint> unitSeries(String projectKey, int cycle, String unit) {
        return jdbc.query("select period, numerator, denominator, measured_value, note, excluded from measurement"
                + " where project_key = ? and cycle_number = ? and unit = ? order by period", (rs, i) -> point(rs, 1), projectKey, cycle, key(unit));
    }

    /** The units with data of their own in the cycle, by name. */
    public List<String> units(String projectKey, int cycle) {
        return jdbc.queryForList("select distinct unit from measurement where project_key = ? and cycle_number = ? and unit <> '' order by unit",
                String.class, projectKey, cycle);
    }

    /** Every stored row of the cycle, by period and unit, for the data API. */
    public List<StoredMeasurement> stored(String projectKey, int cycle) {
        return jdbc.query("select period, numerator, denominator, measured_value, note, excluded, unit, recorded_by, recorded_at from measurement"
                + " where project_key = ? and cycle_number = ? order by period, unit", (rs, i) -> {
                    MeasurementPoint p = point(rs, 1);
                    String unit = rs.getString(7);
                    return new StoredMeasurement(p.period(), ALL.equals(unit) ? null : unit, p.numerator(), p.denominator(), p.value(), p.note(),
                            p.excluded(), rs.getString(8), rs.getTimestamp(9).toInstant());
                }, projectKey, cycle);
    }

    /** What the cycle holds, for the task form: periods from and to, rows per unit. */
    public record Summary(LocalDate from, LocalDate to, Map<String, Integer> rowsPerUnit, MeasurementUpload lastUpload) {

        public int rows() {
            return rowsPerUnit.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public Summary summary(String projectKey, int cycle) {
        Map<String, Integer> perUnit = new LinkedHashMap<>();
        LocalDate[] range = new LocalDate[2];
        jdbc.query("select unit, count(*), min(period), max(period) from measurement where project_key = ? and cycle_number = ? group by unit order by unit",
                rs -> {
                    perUnit.put(ALL.equals(rs.getString(1)) ? MeasurementUpload.ALL_UNITS : rs.getString(1), rs.getInt(2));
                    LocalDate min = rs.getDate(3).toLocalDate(), max = rs.getDate(4).toLocalDate();
                    range[0] = range[0] == null || min.isBefore(range[0]) ? min : range[0];
                    range[1] = range[1] == null || max.isAfter(range[1]) ? max : range[1];
                }, projectKey, cycle);
        List<MeasurementUpload> last = uploads(projectKey, cycle, 1);
        return new Summary(range[0], range[1], perUnit, last.isEmpty() ? null : last.get(0));
    }

    /** The newest uploads of the cycle first. */
    public List<MeasurementUpload> uploads(String projectKey, Integer cycle, int limit) {
        return jdbc.query("select id, project_key, cycle_number, source, file_name, stored, updated, unchanged, period_from, period_to, units,"
                        + " recorded_by, recorded_at from measurement_upload where project_key = ?" + (cycle == null ? "" : " and cycle_number = " + cycle)
                        + " order by recorded_at desc, id desc limit " + limit,
                (rs, i) -> new MeasurementUpload(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getInt(7), rs.getInt(8), day(rs.getDate(9)), day(rs.getDate(10)),
                        rs.getString(11) == null || rs.getString(11).isEmpty() ? List.of() : Arrays.asList(rs.getString(11).split(", ")),
                        rs.getString(12), rs.getTimestamp(13).toInstant()), projectKey);
    }

    /** A replaced value: the period, unit, what it was, who had sent it and when, and the upload that replaced it. */
    public record Revision(long uploadId, LocalDate period, String unit, MeasurementPoint was, String wasBy, java.time.Instant wasAt) {
    }

    public List<Revision> revisions(String projectKey) {
        return jdbc.query("select r.upload_id, m.period, m.unit, r.numerator, r.denominator, r.measured_value, r.note, r.excluded, r.recorded_by,"
                + " r.recorded_at from measurement_revision r join measurement m on m.id = r.measurement_id where m.project_key = ?"
                + " order by r.upload_id, m.period, m.unit", (rs, i) -> new Revision(rs.getLong(1), rs.getDate(2).toLocalDate(),
                ALL.equals(rs.getString(3)) ? null : rs.getString(3), new MeasurementPoint(rs.getDate(2).toLocalDate(), dbl(rs, 4), dbl(rs, 5), dbl(rs, 6),
                rs.getBoolean(8), rs.getString(7)), rs.getString(9), rs.getTimestamp(10).toInstant()), projectKey);
    }

    /** The notes of the project's points, for the knowledge record: "2026-03-02 (4 West): new bed alarms". */
    public List<String> notes(String projectKey, int cycle) {
        return jdbc.query("select period, unit, note, excluded from measurement where project_key = ? and cycle_number = ? and note is not null"
                        + " order by period, unit", (rs, i) -> rs.getDate(1).toLocalDate() + (ALL.equals(rs.getString(2)) ? "" : " (" + rs.getString(2) + ")")
                        + (rs.getBoolean(4) ? ", excluded" : "") + ": " + rs.getString(3), projectKey, cycle);
    }

    private static MeasurementPoint combined(MeasureType type, LocalDate period, List<Map.Entry<String, MeasurementPoint>> points) {
        boolean ratio = type.isRatio();
        boolean excluded = points.stream().anyMatch(e -> e.getValue().excluded());
        String notes = points.stream().filter(e -> e.getValue().note() != null).map(e -> e.getKey() + ": " + e.getValue().note())
                .collect(Collectors.joining("; "));
        String note = notes.isEmpty() ? null : notes;
        if (ratio) {
            double n = points.stream().mapToDouble(e -> e.getValue().numerator()).sum();
            double d = points.stream().mapToDouble(e -> e.getValue().denominator()).sum();
            return new MeasurementPoint(period, n, d, null, excluded, note);
        }
        double sum = points.stream().mapToDouble(e -> e.getValue().value()).sum();
        double value = type == MeasureType.CONTINUOUS ? sum / points.size()
                : type == MeasureType.DAYS_BETWEEN_EVENTS ? points.stream().mapToDouble(e -> e.getValue().value()).min().orElse(0) : sum;
        return new MeasurementPoint(period, null, null, value, excluded, note);
    }

    private static MeasurementPoint point(ResultSet rs, int periodColumn) throws SQLException {
        int c = periodColumn;
        return new MeasurementPoint(rs.getDate(c).toLocalDate(), dbl(rs, c + 1), dbl(rs, c + 2), dbl(rs, c + 3), rs.getBoolean(c + 5), rs.getString(c + 4));
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static LocalDate day(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    private static String key(String unit) {
        return unit == null ? ALL : unit;
    }

    private static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
