package org.learninghealth.cycle.rollout;

import java.time.LocalDate;

/** The day one unit went live with the change. */
public record UnitGoLive(String unit, LocalDate date) {
}
