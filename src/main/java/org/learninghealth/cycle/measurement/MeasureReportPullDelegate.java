package org.learninghealth.cycle.measurement;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * "Fetch MeasureReports": during the measurement period, the project's Measure's new MeasureReports from its FHIR
 * server are merged like any other submission. An unreachable server or bad reports never become an incident: the
 * status says what happened (the lead sees it in the submit form) and the next pull, one interval later, tries
 * again. {@code ${measureReportPull.configured(execution)}} tells the model whether the project pulls at all.
 */
@Component("measureReportPull")
public class MeasureReportPullDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(MeasureReportPullDelegate.class);

    private final FhirPullService fhir;
    private final MeasurementIntakeService intake;
    private final MeasurementProperties properties;

    public MeasureReportPullDelegate(FhirPullService fhir, MeasurementIntakeService intake, MeasurementProperties properties) {
        this.fhir = fhir;
        this.intake = intake;
        this.properties = properties;
    }

    public boolean configured(DelegateExecution execution) {
        return fhir.serverFor((String) execution.getVariable(FHIR_SERVER), (String) execution.getVariable(FHIR_MEASURE)) != null;
    }

    /** The wait between two pulls, as the model's timer reads it. */
    public String interval() {
        return properties.fhir().pullEvery().toString();
    }

    /** The wait between two pulls as a person reads it: "1 day", "6 hours", "30 seconds". */
    String every() {
        java.time.Duration d = properties.fhir().pullEvery();
        long seconds = d.getSeconds();
        String[] names = {"day", "hour", "minute", "second"};
        long[] sizes = {86_400, 3_600, 60, 1};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds % sizes[i] == 0) {
                long n = seconds / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        return d.toString();
    }

    @Override
    public void execute(DelegateExecution execution) {
        String projectKey = (String) execution.getVariable(PROJECT_KEY);
        int cycle = (Integer) execution.getVariable(CYCLE_NUMBER);
        String measure = ((String) execution.getVariable(FHIR_MEASURE)).trim();
        String server = fhir.serverFor((String) execution.getVariable(FHIR_SERVER), measure);
        String pulledAt = (String) execution.getVariable(FHIR_PULLED_AT);
        Instant now = ClockUtil.getCurrentTime().toInstant().truncatedTo(ChronoUnit.SECONDS);
        String status;
        try {
            FhirMeasureReports.Read read;
            ProjectMeasure project = intake.project(projectKey);
            read = FhirMeasureReports.read(fhir.fetch(server, measure, pulledAt == null ? null : Instant.parse(pulledAt)), project.type(),
                    project.direction(), project.units());
            int reports = read.table().rows().size() - 1;
            if (reports == 0) {
                status = String.format(Locale.ROOT, "%s: no new MeasureReports for %s on %s.", at(now), measure, server);
            } else {
                MeasurementUpload u = intake.pulled(project, cycle, read);
                status = String.format(Locale.ROOT, "%s: %d rows from %s: %d new, %d updated, %d unchanged (%s to %s).%s", at(now), reports, server,
                        u.stored(), u.updated(), u.unchanged(), u.from(), u.to(), read.warnings().isEmpty() ? "" : " " + String.join(" ", read.warnings()));
            }
            execution.setVariable(FHIR_PULLED_AT, now.toString());
        } catch (MeasurementDataException e) {
            status = at(now) + ": the MeasureReports from " + server + " were not stored: " + String.join("; ", e.problems())
                    + ". Ask the FHIR server's owners to correct them; the next pull tries again in " + every() + ".";
            LOG.warn("FHIR pull of {} refused: {}", projectKey, e.getMessage());
        } catch (RuntimeException e) {
            status = at(now) + ": the FHIR server " + server + " could not be read (" + firstLine(e) + "). The next pull tries again in "
                    + every() + "; the data can also be uploaded on the project's measurements page.";
            LOG.warn("FHIR pull of {} from {} failed: {}", projectKey, server, firstLine(e));
        }
        execution.setVariable(FHIR_PULL_STATUS, status);
    }

    private static String at(Instant now) {
        return "Pull of " + now.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ') + " UTC";
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
