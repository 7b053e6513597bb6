package org.learninghealth.cycle.measurement;

import java.util.List;
import java.util.Map;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.rollout.RolloutPlanner;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * What the intake needs to know of a project: whose it is, which cycle it is in, what it measures and on which units.
 */
public record ProjectMeasure(String projectKey, int currentCycle, String lead, MeasureType type, Direction direction, List<String> units) {

    /** The variable names {@link #of} reads. */
    public static final List<String> VARIABLES = List.of(CYCLE_NUMBER, PROJECT_LEAD, MEASURE_TYPE, IMPROVEMENT_DIRECTION, UNITS);

    /** From the project's variables ({@link #VARIABLES}); the type, direction or units refused with their message. */
    public static ProjectMeasure of(String projectKey, Map<String, Object> v) {
        return new ProjectMeasure(projectKey, ((Number) v.get(CYCLE_NUMBER)).intValue(), (String) v.get(PROJECT_LEAD),
                MeasureType.of((String) v.get(MEASURE_TYPE)), Direction.of((String) v.get(IMPROVEMENT_DIRECTION)),
                RolloutPlanner.parseUnits((String) v.get(UNITS)));
    }

    /** The same project, also taking data of these units (those its adopted change is spread to). */
    public ProjectMeasure withUnits(List<String> more) {
        if (more.isEmpty()) {
            return this;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(units);
        all.addAll(more);
        return new ProjectMeasure(projectKey, currentCycle, lead, type, direction, List.copyOf(all));
    }

    public MeasurementReader reader(DateOrder order) {
        return new MeasurementReader(type, units, order);
    }
}
