package org.learninghealth.cycle.nodes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What the node tests and benchmarks read straight from the database (H2 or PostgreSQL). */
public final class Sql {

    private Sql() {
    }

    /** @return the number the query counts */
    public static long count(Connection db, String sql) {
        try (Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Waits until the job executors have run every job that is due (jobs out of retries are incidents, not waited for). */
    public static void awaitNoJobDue(Connection db) {
        CycleDriver.await(() -> count(db, "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= current_timestamp)") == 0
                ? true : null, "every due job done");
    }
}
