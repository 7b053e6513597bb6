package org.learninghealth.cycle.spread;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.system.StartRefusal;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/cycles/{projectKey}/spread}: a manager spreads an adopted change to more units. The spread starts
 * as the caller, exactly as Tasklist's start form "Spread to more units" starts it, and is checked in the same place
 * ({@link SpreadRequest}).
 */
@Service
public class SpreadService {

    /** What the API answers: the spread and whether oversight reviews it. */
    public record Started(String projectKey, String spreadId, List<String> units, boolean reviewed, String oversight) {
    }

    private final RuntimeService runtime;
    private final ApiCaller caller;

    public SpreadService(RuntimeService runtime, ApiCaller caller) {
        this.runtime = runtime;
        this.caller = caller;
    }

    public Started spread(String projectKey, List<String> units, String reason, boolean changeAdapted, String adaptation) {
        caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS), "Only managers and administrators spread an adopted change to more units.");
        VariableMap variables = Variables.createVariables().putValue(SPREAD_PROJECT, projectKey)
                .putValue(SPREAD_UNITS, units == null ? null : String.join(", ", units)).putValue(SPREAD_REASON, reason)
                .putValue(CHANGE_ADAPTED, changeAdapted).putValue(SPREAD_ADAPTATION, adaptation);
        ProcessInstance spread;
        try {
            spread = runtime.startProcessInstanceByKey(KEY, projectKey, variables);
        } catch (StartRefusal e) {
            throw e.toApi();
        }
        Map<String, Object> v = caller.asSystem(() -> runtime.getVariables(spread.getId(), List.of(SPREAD_UNITS, SPREAD_NEEDS_REVIEW, OVERSIGHT_PATHWAY)));
        boolean reviewed = Boolean.TRUE.equals(v.get(SPREAD_NEEDS_REVIEW));
        return new Started(projectKey, spread.getId(), List.of(v.get(SPREAD_UNITS).toString().split(", ")), reviewed,
                reviewed ? "Oversight reviews the spread on the " + v.get(OVERSIGHT_PATHWAY) + " pathway."
                        : "No new review: QI pathway and the change spreads unchanged.");
    }
}
