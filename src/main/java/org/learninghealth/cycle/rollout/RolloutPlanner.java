package org.learninghealth.cycle.rollout;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** The units of a plan, one rollout each; used as {@code ${rolloutPlanner.unitsOf(execution)}}. */
@Component("rolloutPlanner")
public class RolloutPlanner {

    private final RolloutProperties properties;

    public RolloutPlanner(RolloutProperties properties) {
        this.properties = properties;
    }

    public List<String> unitsOf(VariableScope scope) {
        return parseUnits((String) scope.getVariable(CycleVariables.UNITS));
    }

    /** Splits "4 West, ICU; ED" into distinct, trimmed unit names in the order given. */
    public static List<String> parseUnits(String units) {
        Set<String> distinct = new LinkedHashSet<>();
        if (units != null) {
            Arrays.stream(units.split("[,;\\n]")).map(String::trim).filter(u -> !u.isEmpty()).forEach(distinct::add);
        }
        if (distinct.isEmpty()) {
            throw new IllegalArgumentException("The plan names no clinical unit: list the units, separated by commas.");
        }
        return List.copyOf(distinct);
    }

    /** The checklist as options of a form-js checklist. */
    public List<Map<String, String>> readinessChecklist() {
        return properties.readinessChecklist().stream().map(item -> Map.of("label", item, "value", item)).toList();
    }
}
