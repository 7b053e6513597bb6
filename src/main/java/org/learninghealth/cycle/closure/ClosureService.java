package org.learninghealth.cycle.closure;

import static org.learninghealth.cycle.closure.ClosureProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.letters.LetterKind;
import org.learninghealth.cycle.letters.Letters;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Service;

/**
 * Which ended projects are closed with the IRB, and the closure report they start from. A project is closed with the
 * IRB when the IRB approved it on a pathway other than QI, in any cycle: an approval or exempt determination letter
 * was issued for it, or (for projects approved before letters existed) its pathway is not QI and its oversight decision
 * is APPROVED. A QI determination is not human subjects research and has nothing to close.
 */
@Service
public class ClosureService {

    /** What the closure starts with from the learning cycle, as a call activity would pass it in. */
    public static final List<String> PASSED_IN = List.of(PROJECT_KEY, PROJECT_LEAD, TITLE, CYCLE_NUMBER, OVERSIGHT_PATHWAY, UNITS);

    private final Letters letters;
    private final HistoryService history;

    public ClosureService(Letters letters, HistoryService history) {
        this.letters = letters;
        this.history = history;
    }

    /** Whether the ended project goes to closure: IRB-approved, not QI, and not closed before. */
    public boolean needed(String projectKey, Map<String, Object> project) {
        boolean letter = letters.of(projectKey).stream()
                .anyMatch(l -> List.of(LetterKind.APPROVAL.name(), LetterKind.EXEMPT_DETERMINATION.name()).contains(l.kind()));
        boolean approved = letter || !OversightReviewProcess.Pathway.QI.name().equals(project.get(OVERSIGHT_PATHWAY)) && project.get(OVERSIGHT_PATHWAY) != null
                && OversightReviewProcess.Decision.APPROVED.name().equals(project.get(OVERSIGHT_DECISION));
        return approved && history.createHistoricProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(projectKey).count() == 0;
    }

    /** What the closure process starts with: the project's particulars and the report pre-filled from the cycle. */
    public VariableMap startVariables(String projectKey, Map<String, Object> project, Ending ending, long safetyEvents, LocalDate endedOn) {
        VariableMap v = Variables.createVariables();
        PASSED_IN.forEach(name -> v.putValue(name, project.get(name)));
        v.putValue(PROJECT_KEY, projectKey);
        v.putValue(CLOSURE_ENDING, ending.name());
        v.putValue(CLOSURE_ENDING_TEXT, ending.words() + " on " + endedOn);
        v.putValue(CLOSURE_SUMMARY, report(project, ending, endedOn));
        v.putValue(CLOSURE_PROBLEMS, safetyEvents == 0 ? "None reported in Learning Cycle."
                : safetyEvents + " safety event(s) reported and reviewed by the IRB (see the audit trail).");
        return v;
    }

    /** The closure report as the cycle tells it, one fact a line, for the lead to correct and complete. */
    static String report(Map<String, Object> v, Ending ending, LocalDate endedOn) {
        StringBuilder report = new StringBuilder();
        line(report, "Ended", ending.words() + " on " + endedOn);
        line(report, "Pathway", v.get(OVERSIGHT_PATHWAY) + " · cycles run: " + v.get(CYCLE_NUMBER) + " · units: " + v.get(UNITS));
        line(report, "Aim", v.get(AIM));
        line(report, "Change", v.get(CHANGE_IDEA));
        line(report, "Measure", v.get(MEASURE_NAME));
        line(report, "Last evaluation", VariableText.firstLine(v.get(EVALUATION_SUMMARY)));
        if (v.get(DECISION) != null) {
            line(report, "Decision", v.get(DECISION) + (v.get(DECISION_RATIONALE) == null ? "" : ": " + v.get(DECISION_RATIONALE)));
        }
        if (v.get(SUSTAIN_MONTHS) != null) {
            line(report, "Monitored", v.get(SUSTAIN_MONTHS) + " month(s) after adoption, ended " + v.get(SUSTAIN_OUTCOME));
        }
        if (ending == Ending.WITHDRAWN) {
            line(report, "Withdrawn by " + v.get(WITHDRAWN_BY), v.get(WITHDRAWAL_REASON));
        }
        if (ending == Ending.TERMINATED) {
            line(report, "IRB review of the safety event", v.get(SAFETY_REVIEW_NOTES));
        }
        return VariableText.fit(report.toString().strip(), "the audit trail");
    }

    private static void line(StringBuilder report, String label, Object value) {
        if (value != null && !value.toString().isBlank()) {
            String text = value.toString().strip();
            report.append(label).append(": ").append(text.length() > 600 ? text.substring(0, 597) + "..." : text).append('\n');
        }
    }
}
