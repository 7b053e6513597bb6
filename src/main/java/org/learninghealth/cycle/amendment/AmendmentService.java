package org.learninghealth.cycle.amendment;

import static org.learninghealth.cycle.amendment.AmendmentProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.system.JsonVariables;
import org.learninghealth.cycle.system.StartRefusal;
import org.springframework.stereotype.Service;

/**
 * {@code POST /api/cycles/{projectKey}/amendments}: the lead asks for an amendment, started as the caller exactly as
 * Tasklist's start form "Request an amendment" starts it, and checked in the same place ({@link AmendmentRequest}).
 */
@Service
public class AmendmentService {

    /** What the API answers: the amendment, the plan version it would make and the pathway it is reviewed on. */
    public record Requested(String projectKey, String amendmentId, int planVersion, String pathwayBefore, String pathway, String changes) {
    }

    private final RuntimeService runtime;
    private final ApiCaller caller;
    private final JsonVariables json;
    private final PlanVersions versions;

    public AmendmentService(RuntimeService runtime, ApiCaller caller, JsonVariables json, PlanVersions versions) {
        this.runtime = runtime;
        this.caller = caller;
        this.json = json;
        this.versions = versions;
    }

    public Requested request(String projectKey, String summary, List<String> addUnits, List<String> removeUnits, Map<String, Object> changes) {
        caller.require();
        VariableMap variables = Variables.createVariables().putValue(AMENDMENT_PROJECT, projectKey).putValue(AMENDMENT_SUMMARY, summary)
                .putValue(AMENDMENT_ADD_UNITS, addUnits == null ? null : String.join(", ", addUnits))
                .putValue(AMENDMENT_REMOVE_UNITS, removeUnits == null ? null : String.join(", ", removeUnits))
                .putValue(AMENDMENT_CHANGE_SET, json.write(changes == null ? Map.of() : changes));
        ProcessInstance amendment;
        try {
            amendment = runtime.startProcessInstanceByKey(KEY, projectKey, variables);
        } catch (StartRefusal e) {
            throw e.toApi();
        }
        Map<String, Object> v = caller.asSystem(() -> runtime.getVariables(amendment.getId(), List.of(PLAN_VERSION, PATHWAY_BEFORE, OVERSIGHT_PATHWAY,
                AMENDMENT_CHANGES)));
        return new Requested(projectKey, amendment.getId(), ((Number) v.get(PLAN_VERSION)).intValue(), (String) v.get(PATHWAY_BEFORE),
                (String) v.get(OVERSIGHT_PATHWAY), (String) v.get(AMENDMENT_CHANGES));
    }

    /** The plan versions approved amendments made, oldest first. */
    public List<PlanVersions.PlanVersion> versions(String projectKey) {
        return versions.of(projectKey);
    }
}
