package org.learninghealth.cycle.measurement;

import java.util.List;
import org.learninghealth.cycle.evaluation.Direction;

/**
 * What the intake needs to know of a project: whose it is, which cycle it is in, what it measures and on which units.
 */
public record ProjectMeasure(String projectKey, int currentCycle, String lead, MeasureType type, Direction direction, List<String> units) {

    public MeasurementReader reader(DateOrder order) {
        return new MeasurementReader(type, units, order);
    }
}
