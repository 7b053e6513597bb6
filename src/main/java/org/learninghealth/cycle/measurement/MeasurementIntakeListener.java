package org.learninghealth.cycle.measurement;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.identity.CurrentUser;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * On completing "Submit measurement data": parses the pasted CSV and merges it into the measurement store in the
 * same transaction. A bad line refuses the completion (nothing is stored, earlier data stays). The pasted text is
 * not kept as a variable: the store holds the data.
 */
@Component("measurementIntake")
public class MeasurementIntakeListener implements TaskListener {

    /** Camunda keeps string variables in a 4,000-character column. */
    static final int MAX_PASTE = 4000;

    private final MeasurementCsvParser parser = new MeasurementCsvParser();
    private final MeasurementRepository repository;

    public MeasurementIntakeListener(MeasurementRepository repository) {
        this.repository = repository;
    }

    @Override
    public void notify(DelegateTask task) {
        String csv = (String) task.getVariable(MEASUREMENT_CSV);
        if (csv != null && csv.length() > MAX_PASTE) {
            throw new MeasurementDataException(List.of("the pasted text has " + csv.length() + " characters; at most " + MAX_PASTE
                    + " fit in one submission. Paste the periods in parts: each part is added to what is already stored"));
        }
        MeasureType type;
        try {
            type = MeasureType.of((String) task.getVariable(MEASURE_TYPE));
        } catch (IllegalArgumentException e) {
            throw new MeasurementDataException(List.of(e.getMessage()));
        }
        List<MeasurementPoint> points = parser.parse(csv, type);
        repository.merge((String) task.getVariable(PROJECT_KEY), (Integer) task.getVariable(CYCLE_NUMBER), points, CurrentUser.of(task));
        task.getExecution().removeVariable(MEASUREMENT_CSV);
    }
}
