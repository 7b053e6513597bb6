package org.learninghealth.cycle.sustain;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** The engine's clock as a date (tests move it), whole months between two dates, and date variables. */
public final class SustainClock {

    private SustainClock() {
    }

    public static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Whole calendar months from {@code from} to {@code to}; 0 without a start. */
    public static long months(LocalDate from, LocalDate to) {
        return from == null ? 0 : ChronoUnit.MONTHS.between(from, to);
    }

    /** A variable holding an ISO date, or {@code null}. */
    static LocalDate date(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : LocalDate.parse(value.toString());
    }
}
