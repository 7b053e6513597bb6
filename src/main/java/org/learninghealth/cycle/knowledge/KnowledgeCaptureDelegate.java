package org.learninghealth.cycle.knowledge;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.partners.PatientPartners;
import org.learninghealth.cycle.project.LearningCycleProcess.Outcome;
import org.learninghealth.cycle.sustain.SustainRecordDelegate;
import org.learninghealth.cycle.system.JsonVariables;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * "Capture knowledge": writes the cycle's knowledge record. The outcome comes from the task's local input
 * (decision, disapproval, halt or withdrawal); the reason is the text that went with it.
 */
@Component("knowledgeCapture")
public class KnowledgeCaptureDelegate implements JavaDelegate {

    private final KnowledgeRepository repository;
    private final JsonVariables json;
    private final MeasurementRepository measurements;
    private final SustainRecordDelegate sustain;
    private final PatientPartners partners;

    public KnowledgeCaptureDelegate(KnowledgeRepository repository, JsonVariables json, MeasurementRepository measurements,
                                    SustainRecordDelegate sustain, PatientPartners partners) {
        this.repository = repository;
        this.sustain = sustain;
        this.partners = partners;
        this.json = json;
        this.measurements = measurements;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Outcome outcome = Outcome.valueOf(((String) execution.getVariable(OUTCOME)).toUpperCase(Locale.ROOT));
        if ((outcome == Outcome.WITHDRAWN || outcome == Outcome.HALTED) && SustainRecordDelegate.monitoring(execution)) {
            sustain.ended(execution, outcome.name().toLowerCase(Locale.ROOT));
            return;
        }
        KnowledgeRecord record = new KnowledgeRecord(null, text(execution, PROJECT_KEY), (Integer) execution.getVariable(CYCLE_NUMBER),
                text(execution, TITLE), text(execution, PROBLEM), text(execution, UNITS), text(execution, CHANGE_IDEA),
                text(execution, MEASURE_NAME), result(execution), effect(execution), outcome.name(),
                text(execution, rationaleVariable(outcome)), lessons(execution), evidenceUsed(execution), null, partners.inWords(execution),
                null, false, null);
        long id = repository.save(record);
        // a finished project its manager shared goes on the public learning page, in plain words only: the result in the
        // words the partners' step was given (every cycle passes it before the decision)
        if ((outcome == Outcome.ADOPT || outcome == Outcome.ABANDON) && Boolean.TRUE.equals(execution.getVariable(SHARE_PUBLICLY))) {
            repository.share(record.projectKey(), record.cycleNumber(), text(execution, PLAIN_SUMMARY), text(execution, PLAIN_RESULT));
        }
        execution.setVariable(KNOWLEDGE_RECORD_ID, id);
        execution.setVariable(CYCLE_OUTCOME, outcome.name());
    }

    /** The evaluation, and the notes the data carried ("2026-03-02 (4 West): new bed alarms"), so a later cycle finds both. */
    private String result(DelegateExecution execution) {
        String summary = text(execution, EVALUATION_SUMMARY);
        List<String> notes = measurements.notes(text(execution, PROJECT_KEY), (Integer) execution.getVariable(CYCLE_NUMBER));
        if (notes.isEmpty()) {
            return summary;
        }
        String text = (summary == null ? "" : summary + "\n\n") + "Notes on the data: " + String.join("; ", notes);
        return text.length() <= 8000 ? text : text.substring(0, 7999) + "…";
    }

    static String rationaleVariable(Outcome outcome) {
        return switch (outcome) {
            case ADOPT, ADAPT, ABANDON -> DECISION_RATIONALE;
            case DISAPPROVED -> OVERSIGHT_COMMENTS;
            case HALTED -> SAFETY_REVIEW_NOTES;
            case WITHDRAWN -> WITHDRAWAL_REASON;
        };
    }

    private static String effect(DelegateExecution execution) {
        Number absolute = (Number) execution.getVariable(ABSOLUTE_CHANGE);
        if (absolute == null) {
            return null;
        }
        Number relative = (Number) execution.getVariable(RELATIVE_CHANGE);
        String direction = (Boolean.TRUE.equals(execution.getVariable(IMPROVED)) ? "improved" : "not improved")
                + (Boolean.TRUE.equals(execution.getVariable(IMPROVEMENT_SIGNAL)) ? ", special cause on the control chart" : "");
        return relative == null ? String.format(Locale.ROOT, "%s (change %+.4g)", direction, absolute.doubleValue())
                : String.format(Locale.ROOT, "%s (change %+.4g, %+.1f%%)", direction, absolute.doubleValue(), relative.doubleValue() * 100);
    }

    /** The evidence the lead ticked, as "title (reference)" of each, from the lookup the selection was made on. */
    private String evidenceUsed(DelegateExecution execution) {
        List<String> ids = json.read(execution.getVariable(EVIDENCE_USED), new TypeReference<List<String>>() { });
        if (ids == null || ids.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> items = json.read(execution.getVariable(EVIDENCE), new TypeReference<List<Map<String, Object>>>() { });
        Map<String, String> labels = new LinkedHashMap<>();
        if (items != null) {
            items.forEach(i -> labels.put(String.valueOf(i.get("id")), i.get("title") + " (" + i.get("reference") + ")"));
        }
        String text = ids.stream().map(id -> labels.getOrDefault(id, id)).collect(Collectors.joining("; "));
        return VariableText.fit(text, "the evidenceUsed variable of the project's history");
    }

    private static String lessons(DelegateExecution execution) {
        String lessons = text(execution, LESSONS_LEARNED);
        String interpretation = text(execution, INTERPRETATION);
        if (interpretation == null) {
            return lessons;
        }
        return lessons == null ? interpretation : lessons + "\n\nInterpretation: " + interpretation;
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }
}
