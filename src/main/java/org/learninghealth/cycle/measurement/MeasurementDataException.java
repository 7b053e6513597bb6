package org.learninghealth.cycle.measurement;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Pasted measurement data that cannot be stored. The message names each bad line and why; REST answers 400 and
 * Tasklist shows the message while the completion is refused, so nothing already stored is touched.
 */
public class MeasurementDataException extends BadUserRequestException {

    private final List<String> problems;

    public MeasurementDataException(List<String> problems) {
        super("The measurement data was not stored: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
