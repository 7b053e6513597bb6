package org.learninghealth.cycle.evaluation;

import java.util.Locale;

/** Which way of the measure is better. */
public enum Direction {
    INCREASE, DECREASE;

    public boolean isBetter(double after, double before) {
        return this == INCREASE ? after > before : after < before;
    }

    public boolean meets(double value, double target) {
        return this == INCREASE ? value >= target : value <= target;
    }

    public static Direction of(String value) {
        if (value == null) {
            throw new IllegalArgumentException("The improvement direction is missing; expected increase or decrease.");
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown improvement direction '" + value + "'; expected increase or decrease.");
        }
    }
}
