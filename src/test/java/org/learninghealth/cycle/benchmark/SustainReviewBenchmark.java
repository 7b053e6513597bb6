package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleTestSupport;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.measurement.MeasurementRow;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.GoLiveRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=SustainReviewBenchmark}, add {@code -Dlc.test.database=postgres} for
 * PostgreSQL): the monthly sustain review of 1,000 adopted projects, each with 5 years of weekly data (one year before its
 * go-live, four after; 260,000 stored periods in all), every tenth of them slipped. The projects wait at the review timer
 * (started there with the variables "Start monitoring" leaves); the clock moves on a month and every due job runs (the
 * timer, then the review). Printed: the wall time of all reviews, per project, and the SQL statements per project
 * (counted at the JDBC connection). Target: all 1,000 reviews in at most 60 s.
 */
@Import(StatementCounter.class)
class SustainReviewBenchmark extends CycleTestSupport {

    static final int PROJECTS = 1000;
    static final LocalDate GO_LIVE = LocalDate.of(2026, 1, 5);
    static final int WEEKS_BEFORE = 52;
    static final int WEEKS_AFTER = 208;

    @Autowired MeasurementRepository measurements;
    @Autowired GoLiveRepository goLives;

    private static List<MeasurementRow> series(boolean slipped) {
        List<MeasurementRow> rows = new ArrayList<>(WEEKS_BEFORE + WEEKS_AFTER);
        for (int w = -WEEKS_BEFORE; w < WEEKS_AFTER; w++) {
            int level = w < 0 ? 20 : slipped && w >= WEEKS_AFTER - 4 ? 25 : 8;
            rows.add(new MeasurementRow(null, MeasurementPoint.ratio(GO_LIVE.plusWeeks(w), level + (w % 3 + 3) % 3 - 1, 100)));
        }
        return rows;
    }

    @Test
    void aMonthlyReviewOfAThousandProjectsWithFiveYearsOfWeeklyData() {
        LocalDate evaluatedThrough = GO_LIVE.plusWeeks(11);
        LocalDate adopted = GO_LIVE.plusWeeks(14);
        LocalDate lastWeek = GO_LIVE.plusWeeks(WEEKS_AFTER - 1);
        ClockUtil.setCurrentTime(date(lastWeek.plusDays(3)));
        for (int i = 0; i < PROJECTS; i++) {
            String key = String.format(Locale.ROOT, "SB-%04d", i);
            goLives.record(key, 1, "4 West", GO_LIVE, "As planned", null, "champion");
            measurements.merge(key, 1, series(i % 10 == 0), "api", null, "lead");
            Map<String, Object> v = new HashMap<>();
            v.put(PROJECT_KEY, key);
            v.put(PROJECT_LEAD, "lead");
            v.put(CYCLE_NUMBER, 1);
            v.put(MEASURE_TYPE, "PROPORTION");
            v.put(IMPROVEMENT_DIRECTION, "decrease");
            v.put(EVALUATED_THROUGH, evaluatedThrough.toString());
            v.put(SUSTAIN_SINCE, adopted.toString());
            v.put(SUSTAIN_STABLE_SINCE, lastWeek.minusMonths(3).toString());   // the last slip accepted three months ago: not yet sustained
            v.put(SUSTAIN_SEEN_THROUGH, lastWeek.minusWeeks(4).toString());
            v.put(SUSTAIN_ACCEPTED_THROUGH, evaluatedThrough.toString());
            v.put(SUSTAIN_QUIET_REVIEWS, 0);
            runtimeService.createProcessInstanceByKey(LearningCycleProcess.KEY).businessKey(key).setVariables(v)
                    .startBeforeActivity(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).execute();
        }
        moveClock(Duration.ofDays(32));

        long statements = StatementCounter.STATEMENTS.get();
        long start = System.nanoTime();
        int jobs = 0;
        for (List<Job> due; !(due = managementService.createJobQuery().executable().listPage(0, 500)).isEmpty(); ) {
            for (Job job : due) {
                managementService.executeJob(job.getId());
                jobs++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long used = StatementCounter.STATEMENTS.get() - statements;

        long slipped = taskService.createTaskQuery().taskDefinitionKey(LearningCycleProcess.TASK_PERFORMANCE_SLIPPED).count();
        long holding = managementService.createJobQuery().activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).count();
        System.out.printf(Locale.ROOT, "SustainReviewBenchmark %d projects x %d weekly periods: %d jobs in %.1f s (%.1f ms per project; target <= 60 s),"
                + " %.1f SQL statements per project; %d slipped, %d holding%n", PROJECTS, WEEKS_BEFORE + WEEKS_AFTER, jobs, seconds,
                seconds * 1000 / PROJECTS, (double) used / PROJECTS, slipped, holding);
        assertThat(slipped).isEqualTo(PROJECTS / 10);
        assertThat(holding).isEqualTo(PROJECTS - PROJECTS / 10);
    }
}
