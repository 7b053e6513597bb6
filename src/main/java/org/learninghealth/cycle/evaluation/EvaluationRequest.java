package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.List;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

/**
 * What one evaluation looks at.
 *
 * @param firstGoLive the earliest go-live of the cycle: earlier periods are baseline, the rest intervention
 * @param aimTarget   the value the aim names, or {@code null} when the plan set none
 * @param rules       the project's rule set, or {@code null} for the installation's
 */
public record EvaluationRequest(MeasureType type, Direction direction, List<MeasurementPoint> series, LocalDate firstGoLive,
                                Double aimTarget, RuleSet rules) {

    public EvaluationRequest(MeasureType type, Direction direction, List<MeasurementPoint> series, LocalDate firstGoLive, Double aimTarget) {
        this(type, direction, series, firstGoLive, aimTarget, null);
    }
}
