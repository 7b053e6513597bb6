package org.learninghealth.cycle.evidence;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/** "Look up evidence": ranked evidence for the challenge as a JSON list. */
@Component("evidenceLookup")
public class EvidenceLookupDelegate implements JavaDelegate {

    private final EvidenceService evidence;
    private final JsonVariables json;

    public EvidenceLookupDelegate(EvidenceService evidence, JsonVariables json) {
        this.evidence = evidence;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String query = EvidenceService.query((String) execution.getVariable(TITLE), (String) execution.getVariable(PROBLEM),
                (String) execution.getVariable(MEASURE_NAME), (String) execution.getVariable(UNITS));
        List<EvidenceItem> items = evidence.lookUp(query);
        execution.setVariable(EVIDENCE_QUERY, query.length() > 3900 ? query.substring(0, 3900) : query);
        execution.setVariable(EVIDENCE, json.write(items));
        execution.setVariable(EVIDENCE_COUNT, items.size());
    }
}
