package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.knowledge.KnowledgeSearch;
import org.learninghealth.cycle.measurement.MeasurementDataException;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.portfolio.PortfolioFilter;
import org.learninghealth.cycle.portfolio.PortfolioService;
import org.learninghealth.cycle.portfolio.ProjectRow;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same cycles on PostgreSQL: Camunda's schema, the Flyway migrations and the app's SQL all run there. */
@EnabledIf("org.learninghealth.cycle.PostgresSupport#available")
class PostgresCycleIT extends CycleSteps {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PostgresSupport.freshDatabase("learning_cycle_it"));
        registry.add("spring.datasource.username", () -> PostgresSupport.USER);
        registry.add("spring.datasource.password", () -> PostgresSupport.PASSWORD);
    }

    @Autowired KnowledgeRepository knowledge;
    @Autowired PortfolioService portfolio;
    @Autowired KnowledgeSearch search;
    @Autowired MeasurementRepository measurements;

    @Test
    void aCycleRunsToAdoptionOnPostgres() {
        String key = throughEvaluation("lead", 20, 8);
        decided(key, "ADOPT");
        assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().activityId(LearningCycleProcess.SUB_SUSTAIN).unfinished().count()).isEqualTo(1);
        assertThat(knowledge.find(key, 1)).hasValueSatisfying(r -> assertThat(r.decision()).isEqualTo("ADOPT"));
        assertThat(search.search("falls rounding", 5)).extracting(h -> h.record().projectKey()).contains(key);
        assertThat(measurements.series(key, 1, org.learninghealth.cycle.measurement.MeasureType.PROPORTION)).hasSize(20);

        // the portfolio reads Camunda's tables with plain SQL: the same on PostgreSQL
        String waiting = started("lead");
        List<ProjectRow> rows = as("manager", () -> portfolio.projects(PortfolioFilter.of(null, null, null, null, "all", null, null)));
        assertThat(rows).filteredOn(r -> r.projectKey().equals(key)).singleElement()
                .satisfies(r -> assertThat(r.decision()).isEqualTo("ADOPT")).satisfies(r -> assertThat(r.title()).isEqualTo("Falls on the medical wards"));
        assertThat(rows).filteredOn(r -> r.projectKey().equals(waiting)).singleElement()
                .satisfies(r -> assertThat(r.stages()).containsExactly("Triage")).satisfies(r -> assertThat(r.waitingOn()).containsExactly("managers"))
                .satisfies(r -> assertThat(r.cycleNumber()).isEqualTo(1));
    }

    @Test
    void aBadLineKeepsWhatIsStoredOnPostgres() {
        String key = waitingForMeasurements("lead");
        measurementsSubmitted(key, weeklyProportions(TODAY, 2, 20, 2, 8), false);
        assertThatThrownBy(() -> complete("lead", key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS,
                Map.of(MEASUREMENT_CSV, "2026-01-05,1,2\n2026-01-12,3,2")))
                .hasRootCauseInstanceOf(MeasurementDataException.class).hasMessageContaining("line 2");
        assertThat(measurements.series(key, 1, org.learninghealth.cycle.measurement.MeasureType.PROPORTION)).hasSize(4);
    }

    @Test
    void startsRacingForTheFirstKeyOfAYearAllGetOneOnPostgres() throws Exception {
        ClockUtil.setCurrentTime(date(java.time.LocalDate.of(2031, 1, 1)));
        int starts = 8;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(starts);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(starts);
        List<java.util.concurrent.Future<String>> keys = new java.util.ArrayList<>();
        for (int i = 0; i < starts; i++) {
            keys.add(pool.submit(() -> {
                together.await();
                return projectKey(startProject("lead", challenge("First of the year")));
            }));
        }
        java.util.Set<String> distinct = new java.util.TreeSet<>();
        for (java.util.concurrent.Future<String> key : keys) {
            distinct.add(key.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(starts).allMatch(k -> k.startsWith("LC-2031-")).contains("LC-2031-0001", "LC-2031-0008");
    }
}
