package org.learninghealth.cycle.nodes;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Whole rows of what a project is made of, read straight from the database, to compare before a crash and after. */
record DatabaseSnapshot(Map<String, Set<String>> rows) {

    static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("projects", "select id_, business_key_, proc_def_key_ from act_hi_procinst");
        QUERIES.put("open tasks", "select id_, proc_inst_id_, task_def_key_, name_, assignee_ from act_ru_task");
        QUERIES.put("completed tasks", "select id_, proc_inst_id_, task_def_key_, assignee_, end_time_ from act_hi_taskinst where end_time_ is not null");
        QUERIES.put("variables", "select v.id_, v.proc_inst_id_, v.name_, v.type_, v.text_, v.text2_, v.long_, v.double_, b.bytes_ "
                + "from act_ru_variable v left join act_ge_bytearray b on v.bytearray_id_ = b.id_");
        QUERIES.put("measurements", "select project_key, cycle_number, period, numerator, denominator, measured_value from measurement");
        QUERIES.put("go-lives", "select project_key, cycle_number, unit, go_live_date, fidelity_notes from unit_go_live");
        QUERIES.put("knowledge records", "select project_key, cycle_number, title, decision, result, lessons, evidence_used from knowledge_record");
    }

    static DatabaseSnapshot of(Connection db) throws SQLException {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        for (Map.Entry<String, String> query : QUERIES.entrySet()) {
            Set<String> lines = new TreeSet<>();
            try (Statement s = db.createStatement(); ResultSet r = s.executeQuery(query.getValue())) {
                int columns = r.getMetaData().getColumnCount();
                while (r.next()) {
                    List<String> values = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = r.getObject(c);
                        if (value instanceof Blob blob) {
                            value = blob.getBytes(1, (int) blob.length());
                        }
                        values.add(value instanceof byte[] bytes ? sha256(bytes) : String.valueOf(value));
                    }
                    lines.add(String.join("|", values));
                }
            }
            rows.put(query.getKey(), lines);
        }
        return new DatabaseSnapshot(rows);
    }

    /** The rows of this snapshot that the other no longer has, per kind. */
    Map<String, Set<String>> missingFrom(DatabaseSnapshot later) {
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        rows.forEach((kind, lines) -> {
            Set<String> gone = new TreeSet<>(lines);
            gone.removeAll(later.rows.get(kind));
            if (!gone.isEmpty()) {
                missing.put(kind, gone);
            }
        });
        return missing;
    }

    String sizes() {
        StringBuilder text = new StringBuilder();
        rows.forEach((kind, lines) -> text.append(text.isEmpty() ? "" : ", ").append(lines.size()).append(' ').append(kind));
        return text.toString();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
