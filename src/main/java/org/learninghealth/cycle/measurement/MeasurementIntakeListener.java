package org.learninghealth.cycle.measurement;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.identity.CurrentUser;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * "Submit measurement data". On create: what is already stored, for the form. On complete: the pasted text (comma,
 * semicolon or tab separated, as a copy from Excel gives it) goes through the intake in the same transaction; a bad
 * row refuses the completion and nothing is stored. An empty paste is fine once data arrived another way (upload
 * page, data API, FHIR). The pasted text is not kept as a variable: the store holds the data.
 */
@Component("measurementIntake")
public class MeasurementIntakeListener implements TaskListener {

    /** Camunda keeps string variables in a 4,000-character column. */
    static final int MAX_PASTE = 4000;

    private final MeasurementIntakeService intake;
    private final MeasurementSummaryText summaries;

    public MeasurementIntakeListener(MeasurementIntakeService intake, MeasurementSummaryText summaries) {
        this.intake = intake;
        this.summaries = summaries;
    }

    @Override
    public void notify(DelegateTask task) {
        String projectKey = (String) task.getVariable(PROJECT_KEY);
        int cycle = (Integer) task.getVariable(CYCLE_NUMBER);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setVariableLocal(MEASUREMENTS_STORED, summaries.of(projectKey, cycle));
            return;
        }
        String text = (String) task.getVariable(MEASUREMENT_CSV);
        if (text != null && text.length() > MAX_PASTE) {
            throw new MeasurementDataException(List.of("the pasted text has " + text.length() + " characters; at most " + MAX_PASTE
                    + " fit in the paste box. Upload the file on the project's measurements page (/projects/" + projectKey
                    + "/measurements) instead, or paste the periods in parts: each part is added to what is already stored"));
        }
        if (text == null || text.isBlank()) {
            if (summaries.rows(projectKey, cycle) == 0) {
                throw new MeasurementDataException(List.of("no data yet: paste one line per period, or upload a file on the project's"
                        + " measurements page (/projects/" + projectKey + "/measurements)"));
            }
        } else {
            ProjectMeasure project;
            try {
                project = ProjectMeasure.of(projectKey, task.getVariables());
            } catch (IllegalArgumentException e) {
                throw new MeasurementDataException(List.of(e.getMessage()));
            }
            intake.paste(project, cycle, text, CurrentUser.of(task));
        }
        task.getExecution().removeVariable(MEASUREMENT_CSV);
    }
}
