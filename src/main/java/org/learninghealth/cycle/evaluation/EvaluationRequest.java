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
 */
public record EvaluationRequest(MeasureType type, Direction direction, List<MeasurementPoint> series, LocalDate firstGoLive,
                                Double aimTarget) {
}
