package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doCallRealMethod;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.history.HistoricIncident;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** A failing step is retried three times (after 10 s, 5 min, 30 min), then becomes an incident an operator can retry once the cause is fixed; nothing is done twice. */
class FailedJobsTest extends CycleSteps {

    @MockitoSpyBean KnowledgeRepository knowledge;
    @Autowired JdbcTemplate jdbc;

    @Test
    void aFailingStepIsRetriedAfterTenSecondsFiveAndThirtyMinutesThenBecomesAnIncidentThatCanBeRetriedOnceFixed() {
        String key = throughEvaluation("lead", 20, 8);
        // the knowledge store fails after it has written: the write must go with the failed attempt
        doAnswer(call -> {
            call.callRealMethod();
            throw new DataAccessResourceFailureException("knowledge store unavailable");
        }).when(knowledge).save(any());
        complete("manager", key, LearningCycleProcess.TASK_DECIDE, Map.of(DECISION, "ADOPT", DECISION_RATIONALE, "Sustained improvement"));
        String instance = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId();
        String job = managementService.createJobQuery().processInstanceId(instance).activityId(LearningCycleProcess.TASK_CAPTURE).singleResult().getId();

        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThatThrownBy(() -> managementService.executeJob(job)).hasMessageContaining("knowledge store unavailable");
            Job failed = managementService.createJobQuery().jobId(job).singleResult();
            assertThat(failed.getRetries()).as("retries after attempt %d", attempt).isEqualTo(4 - attempt);
            assertThat(failed.getExceptionMessage()).contains("knowledge store unavailable");
            assertThat(records(key)).as("rows left by failed attempt %d", attempt).isZero();
            if (attempt < 4) {
                // a passing glitch (a lost connection, two writers at once) is retried soon; a lasting one after a while
                Duration pause = List.of(Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofMinutes(30)).get(attempt - 1);
                assertThat(failed.getDuedate()).as("next attempt").isCloseTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(pause)), 2000);
            }
        }

        // out of retries: an incident (Cockpit shows it to managers and administrators), and no job executor touches it
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo(LearningCycleProcess.TASK_CAPTURE);
        assertThat(incident.getIncidentMessage()).contains("knowledge store unavailable");
        assertThat(as("manager", () -> runtimeService.createIncidentQuery().processInstanceId(instance).count())).isEqualTo(1);
        assertThat(managementService.createJobQuery().processInstanceId(instance).executable().count()).isZero();

        // the cause fixed, an administrator retries as Cockpit's "Retry" does
        doCallRealMethod().when(knowledge).save(any());
        as("admin", () -> managementService.setJobRetries(job, 1));
        moveClock(Duration.ofMinutes(31));
        executeJobs(key);

        assertThat(runtimeService.createIncidentQuery().processInstanceId(instance).count()).isZero();
        HistoricIncident resolved = engine.getHistoryService().createHistoricIncidentQuery().processInstanceId(instance).singleResult();
        assertThat(resolved.isResolved()).isTrue();
        assertThat(records(key)).as("one knowledge record after five runs of the step").isEqualTo(1);
        assertThat(managementService.createJobQuery().processInstanceId(instance).activityId(LearningCycleProcess.TIMER_SUSTAIN_REVIEW).count())
                .as("the adopted change is monitored next").isEqualTo(1);
    }

    private int records(String key) {
        return jdbc.queryForObject("select count(*) from knowledge_record where project_key = ?", Integer.class, key);
    }
}
