package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The scheduled pull against a real HAPI FHIR server started inside the test (HAPI's {@link RestfulServer} with a
 * resource provider holding MeasureReports, paging through HAPI's paging provider), over HTTP: paging, the
 * incremental {@code _lastUpdated} search, an outage and the recovery after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FhirPullIT.HospitalFhirServer.class)
@TestPropertySource(properties = "learning-cycle.measurement.fhir.page-size=3")
class FhirPullIT extends CycleSteps {

    static final String MEASURE = "https://hospital.example/fhir/Measure/falls";

    /** The hospital's FHIR server: MeasureReports of one Measure, searchable by measure and _lastUpdated. */
    public static class MeasureReports implements IResourceProvider {
        final List<MeasureReport> reports = new CopyOnWriteArrayList<>();
        final List<String> searches = new CopyOnWriteArrayList<>();
        volatile boolean down;

        @Override
        public Class<MeasureReport> getResourceType() {
            return MeasureReport.class;
        }

        @Search
        public List<MeasureReport> search(@RequiredParam(name = MeasureReport.SP_MEASURE) ReferenceParam measure,
                                          @OptionalParam(name = "_lastUpdated") DateRangeParam lastUpdated) {
            searches.add(measure.getValue() + (lastUpdated == null ? "" : " since " + lastUpdated.getLowerBoundAsInstant().toInstant()));
            if (down) {
                throw new InternalErrorException("database maintenance");
            }
            return reports.stream().filter(r -> r.getMeasure().equals(measure.getValue()))
                    .filter(r -> lastUpdated == null || !r.getMeta().getLastUpdated().before(lastUpdated.getLowerBoundAsInstant())).toList();
        }
    }

    @TestConfiguration
    static class HospitalFhirServer {
        @Bean
        MeasureReports measureReports() {
            return new MeasureReports();
        }

        @Bean
        ServletRegistrationBean<RestfulServer> fhirServlet(MeasureReports reports) {
            RestfulServer server = new RestfulServer(FhirMeasureReports.context());
            server.setResourceProviders(reports);
            server.setPagingProvider(new FifoMemoryPagingProvider(20));
            return new ServletRegistrationBean<>(server, "/fhir/*");
        }
    }

    @Autowired MeasureReports fhirServer;
    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int port;

    private MeasureReport weekly(LocalDate week, int west, int east) {
        MeasureReport report = FhirMeasureReportsTest.measureReport("falls-" + week, week.toString(), week.plusDays(6).toString(), "decrease",
                west + east, 300, Map.of("4 West", new int[] {west, 100}, "5 East", new int[] {east, 200}));
        report.getMeta().setLastUpdated(ClockUtil.getCurrentTime());
        return report;
    }

    private int rows(String key) {
        return jdbc.queryForObject("select count(*) from measurement where project_key = ?", Integer.class, key);
    }

    private String status(String key) {
        return (String) runtimeService.getVariable(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key)
                .processDefinitionKey(LearningCycleProcess.KEY).singleResult().getId(), FHIR_PULL_STATUS);
    }

    @Test
    void measureReportsArePulledPageByPageDuringTheMeasurementAnOutageIsShownAndRetried() {
        fhirServer.reports.clear();
        for (int w = 0; w < 20; w++) {
            fhirServer.reports.add(weekly(TODAY.minusWeeks(10).plusWeeks(w), w < 10 ? 10 : 4, w < 10 ? 30 : 29));
        }
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> plan = plan();
        plan.put(FHIR_SERVER, "http://localhost:" + port + "/fhir");
        plan.put(FHIR_MEASURE, MEASURE);
        planned(key, plan);
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        rolledOut(key, TODAY); // the measurement period starts, and with it the first pull

        assertThat(rows(key)).as("20 weekly reports, each stratified into two units, read in pages of 3").isEqualTo(40);
        assertThat(fhirServer.searches).containsExactly(MEASURE);
        assertThat(status(key)).contains("40 rows from http://localhost:" + port + "/fhir: 40 new, 0 updated, 0 unchanged");
        assertThat(jdbc.queryForObject("select count(*) from measurement_upload where project_key = ? and source = 'fhir-pull'", Integer.class, key)).isEqualTo(1);

        // a day later: only what was updated since the last pull is asked for and stored
        moveClock(Duration.ofDays(1).plusMinutes(1));
        fhirServer.reports.add(weekly(TODAY.plusWeeks(10), 3, 28));
        executeJobs(key);
        assertThat(fhirServer.searches.get(1)).startsWith(MEASURE + " since ");
        assertThat(rows(key)).isEqualTo(42);
        assertThat(status(key)).contains("2 rows from", "2 new");

        // the server is down: the lead is told, the project waits for the next pull, no incident
        fhirServer.down = true;
        moveClock(Duration.ofDays(1).plusMinutes(1));
        executeJobs(key);
        assertThat(status(key)).contains("the FHIR server http://localhost:" + port + "/fhir could not be read", "The next pull tries again in 1 day");
        assertThat(runtimeService.createIncidentQuery().count()).isZero();
        assertThat(rows(key)).isEqualTo(42);

        // it is back: the next pull catches up on what was missed
        fhirServer.down = false;
        fhirServer.reports.add(weekly(TODAY.plusWeeks(11), 2, 27));
        moveClock(Duration.ofDays(1).plusMinutes(1));
        executeJobs(key);
        assertThat(rows(key)).isEqualTo(44);

        // the period ends, and the pull with it: the lead sees the last pull's status and completes with an empty paste
        measurementPeriodOver(key, 12);
        assertThat(managementService.createJobQuery().activityId("Timer_NextPull").count()).isZero();
        assertThat(tasks(key, LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS)).hasSize(1);
        assertThat(status(key)).contains("rows from");
        measurementsSubmitted(key, "", false);
        assertThat(tasks(key, LearningCycleProcess.TASK_INTERPRET)).hasSize(1);
    }

    @Test
    void thePlanRefusesAFhirSourceItCannotUse() {
        String key = started("lead");
        acceptedWithEvidence(key);
        Map<String, Object> plan = plan();
        plan.put(FHIR_MEASURE, MEASURE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> planned(key, plan))
                .hasMessageContaining("Name the FHIR server's base URL: no default server is configured");
        plan.put(FHIR_SERVER, "ftp://fhir.hospital.org");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> planned(key, plan)).hasMessageContaining("is not an http(s) URL");
        plan.put(FHIR_SERVER, "");
        plan.put(FHIR_MEASURE, "");
        planned(key, plan);
        assertThat(tasks(key, OversightReviewProcess.TASK_REVIEW_PLAN)).hasSize(1);
    }
}
