package org.learninghealth.cycle.benchmark;

import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The fast path of the scale data generator: copies of a project that ran through the real models and services to
 * its end, written as the engine and the app wrote it, under a new key, new ids, new people and new words, moved in
 * time. Every row of Camunda's history about the project (the tables that carry {@code ROOT_PROC_INST_ID_}, history
 * byte arrays included) and every row of the app's tables about it is read once; each copy writes them again with
 * <ul>
 * <li>every engine-generated id (of rows, executions, activity instances, jobs, user operations) replaced by a fresh
 * UUID, the same one wherever the id occurs within the copy; the app's own numeric ids continue the tables' sequences;</li>
 * <li>every time and date moved by the copy's offset, removal times included, so history cleanup sees the copy's age;</li>
 * <li>the project key, title, problem and change idea replaced wherever they occur in text, people replaced where a
 * column holds exactly their user id.</li>
 * </ul>
 * Not copied: the mail outbox ({@code notification}) and Camunda's metrics, which no screen about a project reads.
 */
final class HistoryCopier {

    static final List<String> CAMUNDA_TABLES = List.of("ACT_HI_PROCINST", "ACT_HI_ACTINST", "ACT_HI_TASKINST", "ACT_HI_VARINST", "ACT_HI_DETAIL",
            "ACT_HI_IDENTITYLINK", "ACT_HI_OP_LOG", "ACT_HI_JOB_LOG", "ACT_HI_INCIDENT", "ACT_HI_COMMENT", "ACT_HI_ATTACHMENT", "ACT_HI_DECINST",
            "ACT_HI_DEC_IN", "ACT_HI_DEC_OUT", "ACT_HI_EXT_TASK_LOG", "ACT_GE_BYTEARRAY");

    /** Columns whose values are ids the engine generated for this project (not of definitions, deployments or people). */
    static final Set<String> ID_COLUMNS = Set.of("ID_", "PROC_INST_ID_", "ROOT_PROC_INST_ID_", "EXECUTION_ID_", "ACT_INST_ID_", "PARENT_ACT_INST_ID_",
            "TASK_ID_", "PARENT_TASK_ID_", "CALL_PROC_INST_ID_", "SUPER_PROCESS_INSTANCE_ID_", "BYTEARRAY_ID_", "VAR_INST_ID_", "PROCESS_INSTANCE_ID_",
            "JOB_ID_", "JOB_EXCEPTION_STACK_ID_", "OPERATION_ID_", "CAUSE_INCIDENT_ID_", "ROOT_CAUSE_INCIDENT_ID_", "DEC_INST_ID_",
            "ROOT_DEC_INST_ID_", "EXT_TASK_ID_", "ERROR_DETAILS_ID_", "REVIEW_INSTANCE_ID", "SUSPENSION_ID", "AMENDMENT_ID", "PROCESS_INSTANCE_ID",
            "SPREAD_INSTANCE_ID", "ACTIVITY_INSTANCE_ID");

    /** The app's tables about a project, parents first; {@code id} columns are the tables' own sequences. */
    static final Map<String, String> APP_TABLES = new LinkedHashMap<>();

    static {
        String ofProject = "project_key = ?";
        for (String table : List.of("project_challenge", "irb_approval", "knowledge_record", "evidence_use", "unit_go_live", "unit_spread", "letter",
                "project_hold", "plan_version", "measurement_upload", "measurement", "stage_activity")) {
            APP_TABLES.put(table, ofProject);
        }
        APP_TABLES.put("measurement_revision", "upload_id in (select id from measurement_upload where project_key = ?)");
    }

    /** Numeric references between the app's tables: column → the table whose {@code id} it holds. */
    static final Map<String, String> APP_REFERENCES = Map.of("UPLOAD_ID", "measurement_upload", "MEASUREMENT_ID", "measurement");

    /** One table's rows of the template project. */
    record Rows(String table, List<String> columns, int[] types, List<Object[]> values, boolean ownId) {
        int size() {
            return values.size();
        }
    }

    /** A finished project read once, to be written again and again. */
    record Template(String projectKey, Timestamp started, List<Rows> tables, Set<String> ids) {
        int rows() {
            return tables.stream().mapToInt(Rows::size).sum();
        }
    }

    /** What one copy changes: its key, its offset in time, words and people. */
    record Copy(String projectKey, long offsetMillis, Map<String, String> words, Map<String, String> people) {
    }

    private HistoryCopier() {
    }

    /** Reads every row about the finished project {@code projectKey}; fails if any of its process instances still runs. */
    static Template capture(Connection db, String projectKey) throws SQLException {
        List<String> roots = new ArrayList<>();
        Timestamp started = null;
        try (PreparedStatement s = db.prepareStatement("select distinct ROOT_PROC_INST_ID_, END_TIME_, START_TIME_ from ACT_HI_PROCINST where BUSINESS_KEY_ = ?")) {
            s.setString(1, projectKey);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getTimestamp(2) == null) {
                        throw new IllegalStateException(projectKey + " is not finished: a process instance of it still runs");
                    }
                    roots.add(r.getString(1));
                    started = started == null || r.getTimestamp(3).before(started) ? r.getTimestamp(3) : started;
                }
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("No history of " + projectKey);
        }
        String in = String.join(",", roots.stream().map(id -> "'" + id + "'").toList());
        List<Rows> tables = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String table : CAMUNDA_TABLES) {
            tables.add(read(db, table, "select * from " + table + " where ROOT_PROC_INST_ID_ in (" + in + ")", null, ids));
        }
        for (Map.Entry<String, String> table : APP_TABLES.entrySet()) {
            tables.add(read(db, table.getKey(), "select * from " + table.getKey() + " where " + table.getValue(), projectKey, ids));
        }
        return new Template(projectKey, started, tables, ids);
    }

    private static Rows read(Connection db, String table, String sql, String parameter, Set<String> ids) throws SQLException {
        try (PreparedStatement s = db.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                List<String> columns = new ArrayList<>();
                int[] types = new int[meta.getColumnCount()];
                for (int c = 1; c <= types.length; c++) {
                    columns.add(meta.getColumnName(c).toUpperCase(java.util.Locale.ROOT));
                    types[c - 1] = meta.getColumnType(c);
                }
                List<Object[]> values = new ArrayList<>();
                while (r.next()) {
                    Object[] row = new Object[types.length];
                    for (int c = 0; c < types.length; c++) {
                        row[c] = value(r, c + 1, types[c]);
                        if (row[c] instanceof String text && ID_COLUMNS.contains(columns.get(c))) {
                            ids.add(text);
                        }
                    }
                    values.add(row);
                }
                return new Rows(table, columns, types, values, !table.startsWith("ACT_") && columns.contains("ID"));
            }
        }
    }

    private static Object value(ResultSet r, int column, int type) throws SQLException {
        return switch (type) {
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> r.getTimestamp(column);
            case Types.DATE -> r.getDate(column);
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> r.getBytes(column);
            default -> {
                Object value = r.getObject(column);
                if (value instanceof Clob clob) {
                    yield clob.getSubString(1, (int) clob.length());
                }
                if (value instanceof Blob blob) {
                    yield blob.getBytes(1, (int) blob.length());
                }
                yield value;
            }
        };
    }

    /** Writes copies of templates into one database, in batches; the app's sequences move on when it is closed. */
    static final class Writer implements AutoCloseable {

        private final Connection db;
        private final Map<String, PreparedStatement> inserts = new HashMap<>();
        private final Map<String, Long> nextId = new HashMap<>();
        private int pending;

        Writer(Connection db) throws SQLException {
            this.db = db;
            db.setAutoCommit(false);
        }

        /** The next free id of a table with its own sequence, read once per table. */
        private long nextId(String table) throws SQLException {
            Long next = nextId.get(table);
            if (next == null) {
                try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("select coalesce(max(id), 0) from " + table)) {
                    r.next();
                    next = r.getLong(1) + 1;
                }
            }
            nextId.put(table, next + 1);
            return next;
        }

        void write(Template template, Copy copy) throws SQLException {
            Map<String, String> newIds = new HashMap<>();
            Map<String, Map<Long, Long>> newNumbers = new HashMap<>();
            long days = Math.floorDiv(copy.offsetMillis(), 86_400_000L);
            for (Rows rows : template.tables()) {
                if (rows.values().isEmpty()) {
                    continue;
                }
                PreparedStatement insert = insert(rows);
                for (Object[] row : rows.values()) {
                    for (int c = 0; c < row.length; c++) {
                        String column = rows.columns().get(c);
                        Object value = row[c];
                        if (value == null) {
                            insert.setNull(c + 1, rows.types()[c]);
                        } else if (value instanceof Timestamp time) {
                            insert.setTimestamp(c + 1, new Timestamp(time.getTime() + copy.offsetMillis()));
                        } else if (value instanceof java.sql.Date day) {
                            insert.setDate(c + 1, java.sql.Date.valueOf(day.toLocalDate().plusDays(days)));
                        } else if (rows.ownId() && column.equals("ID")) {
                            long id = nextId(rows.table());
                            newNumbers.computeIfAbsent(rows.table(), t -> new HashMap<>()).put(((Number) value).longValue(), id);
                            insert.setLong(c + 1, id);
                        } else if (!rows.table().startsWith("ACT_") && APP_REFERENCES.containsKey(column)) {
                            insert.setLong(c + 1, newNumbers.get(APP_REFERENCES.get(column)).get(((Number) value).longValue()));
                        } else if (value instanceof String text) {
                            insert.setString(c + 1, text(text, template, copy, newIds));
                        } else if (value instanceof byte[] bytes) {
                            insert.setBytes(c + 1, bytes);
                        } else {
                            insert.setObject(c + 1, value);
                        }
                    }
                    insert.addBatch();
                    pending++;
                }
            }
            if (pending >= 20_000) {
                flush();
            }
        }

        private static String text(String text, Template template, Copy copy, Map<String, String> newIds) {
            if (template.ids().contains(text)) {
                return newIds.computeIfAbsent(text, HistoryCopier::freshId);
            }
            String person = copy.people().get(text);
            if (person != null) {
                return person;
            }
            String result = text.replace(template.projectKey(), copy.projectKey());
            for (Map.Entry<String, String> word : copy.words().entrySet()) {
                result = result.replace(word.getKey(), word.getValue());
            }
            return result;
        }

        private PreparedStatement insert(Rows rows) throws SQLException {
            PreparedStatement insert = inserts.get(rows.table());
            if (insert == null) {
                insert = db.prepareStatement("insert into " + rows.table() + " (" + String.join(", ", rows.columns()) + ") values ("
                        + String.join(", ", java.util.Collections.nCopies(rows.columns().size(), "?")) + ")");
                inserts.put(rows.table(), insert);
            }
            return insert;
        }

        /** Sends what is batched, parents' tables first, and commits. */
        void flush() throws SQLException {
            for (String table : CAMUNDA_TABLES) {
                execute(table);
            }
            for (String table : APP_TABLES.keySet()) {
                execute(table);
            }
            db.commit();
            pending = 0;
        }

        private void execute(String table) throws SQLException {
            PreparedStatement insert = inserts.get(table);
            if (insert != null) {
                insert.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            flush();
            for (PreparedStatement insert : inserts.values()) {
                insert.close();
            }
            // the app's next own row continues after the copies
            try (Statement s = db.createStatement()) {
                for (Map.Entry<String, Long> next : nextId.entrySet()) {
                    s.execute("alter table " + next.getKey() + " alter column id restart with " + next.getValue());
                }
            }
            db.commit();
            db.setAutoCommit(true);
        }
    }

    /** A new id of the same shape: an activity instance id keeps its activity, {@code Task_Plan:<uuid>}. */
    static String freshId(String id) {
        int colon = id.lastIndexOf(':');
        return (colon < 0 ? "" : id.substring(0, colon + 1)) + UUID.randomUUID();
    }
}
