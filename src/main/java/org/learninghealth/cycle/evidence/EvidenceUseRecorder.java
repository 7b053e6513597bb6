package org.learninghealth.cycle.evidence;

import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.knowledge.EvidenceUses;
import org.learninghealth.cycle.system.JsonVariables;
import org.springframework.stereotype.Component;

/**
 * On submitting the plan: the evidence the lead ticked is kept with what the lookup said of each item (for an article
 * the day it was first public), replacing what an earlier version of the plan ticked. An id that is not on the list the
 * lead was shown (a REST caller's slip) is refused rather than kept as evidence nobody saw.
 */
@Component("evidenceUseRecorder")
public class EvidenceUseRecorder implements TaskListener {

    private final EvidenceUses uses;
    private final JsonVariables json;

    public EvidenceUseRecorder(EvidenceUses uses, JsonVariables json) {
        this.uses = uses;
        this.json = json;
    }

    @Override
    public void notify(DelegateTask task) {
        if (Boolean.TRUE.equals(task.getVariable(RERUN_EVIDENCE))) {
            return; // the lead asked for the evidence again and ticks on the new list
        }
        List<String> ticked = read(task, EVIDENCE_USED, new TypeReference<List<String>>() { });
        List<EvidenceItem> shown = read(task, EVIDENCE, new TypeReference<List<EvidenceItem>>() { });
        Map<String, EvidenceItem> byId = new LinkedHashMap<>();
        if (shown != null) {
            shown.forEach(item -> byId.put(item.id(), item));
        }
        List<EvidenceUses.Use> kept = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String id : ticked == null ? List.<String>of() : new LinkedHashSet<>(ticked)) {
            EvidenceItem item = byId.get(id);
            if (item == null) {
                unknown.add(id);
            } else {
                String reference = item.title() + " (" + item.reference() + ")";
                kept.add(new EvidenceUses.Use(id, item.source(), reference.length() > 1000 ? reference.substring(0, 999) + "…" : reference,
                        item.published() == null ? null : LocalDate.parse(item.published())));
            }
        }
        if (!unknown.isEmpty()) {
            throw new BadUserRequestException("The plan cannot be submitted yet: the evidence ticked as used must be among the "
                    + byId.size() + " items the lookup found for this plan; not found: " + String.join(", ", unknown) + ".");
        }
        uses.replace((String) task.getVariable(PROJECT_KEY), ((Number) task.getVariable(CYCLE_NUMBER)).intValue(), kept);
    }

    private <T> T read(DelegateTask task, String variable, TypeReference<T> type) {
        try {
            return json.read(task.getVariable(variable), type);
        } catch (IllegalArgumentException e) {
            throw new BadUserRequestException("The plan cannot be submitted yet: " + variable + " is not a list of evidence ids ("
                    + e.getMessage() + ").");
        }
    }
}
