package org.learninghealth.cycle.measurement;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Measurement data that cannot be stored. The message names each bad line or row and why; REST answers 400 and
 * Tasklist shows the message while the completion is refused, so nothing already stored is touched.
 */
public class MeasurementDataException extends BadUserRequestException {

    private final List<String> problems;
    private final int total;

    public MeasurementDataException(List<String> problems) {
        this(problems, problems.size());
    }

    private MeasurementDataException(List<String> shown, int total) {
        super("The measurement data was not stored: " + String.join("; ", shown));
        this.problems = List.copyOf(shown);
        this.total = total;
    }

    /** The first problems and how many more there are, so a message stays readable. */
    public static MeasurementDataException of(List<String> problems) {
        return new MeasurementDataException(summarise(problems), problems.size());
    }

    /** More problems than this are summarised, so the message stays readable. */
    static final int MAX_REPORTED = 10;

    public static List<String> summarise(List<String> problems) {
        if (problems.size() <= MAX_REPORTED) {
            return problems;
        }
        List<String> shown = new java.util.ArrayList<>(problems.subList(0, MAX_REPORTED));
        shown.add("and " + (problems.size() - MAX_REPORTED) + " more problems");
        return shown;
    }

    public List<String> problems() {
        return problems;
    }

    /** How many problems were found, the ones not shown included. */
    public int total() {
        return total;
    }
}
