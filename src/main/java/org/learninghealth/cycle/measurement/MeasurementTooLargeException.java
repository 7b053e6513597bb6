package org.learninghealth.cycle.measurement;

/** A submission above the documented size; the data API answers 413 and nothing is stored. */
public class MeasurementTooLargeException extends RuntimeException {

    public MeasurementTooLargeException(String message) {
        super(message);
    }
}
