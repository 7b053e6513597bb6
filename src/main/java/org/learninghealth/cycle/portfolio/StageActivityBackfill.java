package org.learninghealth.cycle.portfolio;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway migration 16: fills {@code stage_activity} from Camunda's activity history once, for the activities that
 * ended before the table existed, with the same columns {@link StageActivityRecorder} writes. A database without
 * Camunda's history tables yet (a new one) has nothing to fill.
 */
@Component
public class StageActivityBackfill implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("16");
    }

    @Override
    public String getDescription() {
        return "stage activities from history";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection db = context.getConnection();
        if (!hasHistory(db)) {
            return;
        }
        try (Statement s = db.createStatement()) {
            s.executeUpdate("insert into stage_activity (activity_instance_id, process_instance_id, project_key, activity_id, stage, pathway, duration_ms,"
                    + " ended_at, instance_started_at)"
                    + " select a.ID_, a.PROC_INST_ID_, p.BUSINESS_KEY_, a.ACT_ID_, " + StageActivities.stageOf("a.ACT_ID_") + ","
                    + " case when a.ACT_ID_ in (" + StageActivities.quoted(Stage.OVERSIGHT_REVIEW.activities()) + ") then ("
                    + StageActivities.PATHWAY_OF_CALLED.replace("?", "a.ID_") + ") end,"
                    + " a.DURATION_, a.END_TIME_, p.START_TIME_"
                    + " from ACT_HI_ACTINST a left join ACT_HI_PROCINST p on p.ID_ = a.PROC_INST_ID_"
                    + " where a.END_TIME_ is not null and a.DURATION_ is not null and a.ACT_ID_ in (" + StageActivities.quoted(StageActivities.allActivities()) + ")");
        }
    }

    private static boolean hasHistory(Connection db) throws SQLException {
        for (String name : new String[] {"ACT_HI_ACTINST", "act_hi_actinst"}) {
            try (ResultSet tables = db.getMetaData().getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
