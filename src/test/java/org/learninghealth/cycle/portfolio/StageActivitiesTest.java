package org.learninghealth.cycle.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The lead times' own table: a row per finished stage activity, written as the activity ends, and the same rows
 * again from Camunda's history by the migration that fills it for projects that ended before it existed.
 */
class StageActivitiesTest extends CycleSteps {

    static final String ROWS = "select activity_instance_id, process_instance_id, project_key, activity_id, stage, pathway, duration_ms, ended_at,"
            + " instance_started_at from stage_activity order by activity_instance_id";

    @Autowired JdbcTemplate jdbc;
    @Autowired DataSource dataSource;

    @Test
    void aRowPerFinishedStageActivityAsItEndsAndTheSameRowsFromHistory() throws Exception {
        String key = started("lead");
        moveClock(java.time.Duration.ofDays(2));
        acceptedWithEvidence(key);
        planned(key, plan());
        moveClock(java.time.Duration.ofDays(3));
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "MODIFICATIONS_REQUIRED", "Add a consent script");
        planned(key, plan());
        reviewed("irb2", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        withdraw("lead", key, "The ward closes");
        executeJobs(key);

        List<Map<String, Object>> recorded = jdbc.queryForList(ROWS);
        assertThat(recorded).filteredOn(r -> r.get("activity_id").equals(LearningCycleProcess.TASK_TRIAGE)).singleElement().satisfies(r -> {
            assertThat(r.get("stage")).isEqualTo(Stage.TRIAGE.name());
            assertThat(((Number) r.get("duration_ms")).longValue()).isEqualTo(2 * 86_400_000L);
            assertThat(r.get("project_key")).isEqualTo(key);
            assertThat(r.get("instance_started_at")).isNotNull();
        });
        assertThat(recorded).filteredOn(r -> r.get("activity_id").equals(LearningCycleProcess.CALL_OVERSIGHT)).as("two reviews, each with its pathway")
                .hasSize(2).allSatisfy(r -> assertThat(r.get("pathway")).isEqualTo("QI"))
                .extracting(r -> ((Number) r.get("duration_ms")).longValue()).contains(3 * 86_400_000L);
        assertThat(recorded).filteredOn(r -> r.get("activity_id").equals(LearningCycleProcess.TASK_PLAN)).hasSize(2);
        assertThat(recorded).extracting(r -> r.get("stage")).contains(Stage.ROLLOUT.name(), Stage.KNOWLEDGE.name());

        jdbc.update("delete from stage_activity");
        try (Connection db = dataSource.getConnection()) {
            new StageActivityBackfill().migrate(new Context() {
                @Override
                public Configuration getConfiguration() {
                    return null;
                }

                @Override
                public Connection getConnection() {
                    return db;
                }
            });
        }
        assertThat(jdbc.queryForList(ROWS)).isEqualTo(recorded);
    }
}
