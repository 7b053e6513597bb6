package org.learninghealth.cycle.evidence;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * "Look up evidence": ranked evidence for the challenge as a JSON list, the options the lead ticks to say which
 * items informed the plan, and a notice when a source could not be searched. The query is the one the lead refined
 * in the appraisal form, else the challenge's own words.
 */
@Component("evidenceLookup")
public class EvidenceLookupDelegate implements JavaDelegate {

    /** Camunda keeps a string variable in 4,000 characters. */
    static final int MAX_QUERY = 3900;

    private final EvidenceService evidence;
    private final JsonVariables json;

    public EvidenceLookupDelegate(EvidenceService evidence, JsonVariables json) {
        this.evidence = evidence;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String refined = (String) execution.getVariable(EVIDENCE_QUERY);
        String query = Boolean.TRUE.equals(execution.getVariable(RERUN_EVIDENCE)) && refined != null && !refined.isBlank() ? refined
                : EvidenceService.query((String) execution.getVariable(TITLE), (String) execution.getVariable(PROBLEM),
                (String) execution.getVariable(MEASURE_NAME), (String) execution.getVariable(UNITS));
        EvidenceService.Lookup lookup = evidence.lookUp(query);
        List<EvidenceItem> items = lookup.items();
        execution.setVariable(EVIDENCE_QUERY, query.length() > MAX_QUERY ? query.substring(0, MAX_QUERY) : query);
        execution.setVariable(EVIDENCE, json.write(items));
        execution.setVariable(EVIDENCE_COUNT, items.size());
        execution.setVariable(EVIDENCE_OPTIONS, json.write(items.stream().map(EvidenceLookupDelegate::option).toList()));
        execution.setVariable(EVIDENCE_NOTICE, lookup.notices().isEmpty() ? null : String.join(" ", lookup.notices()));
        execution.setVariable(RERUN_EVIDENCE, false);
    }

    /** A checklist option: what the lead reads, and the id that is stored. */
    static Map<String, String> option(EvidenceItem item) {
        String label = item.title() + " (" + item.reference() + ")";
        return Map.of("label", label.length() > 300 ? label.substring(0, 297) + "..." : label, "value", item.id());
    }
}
