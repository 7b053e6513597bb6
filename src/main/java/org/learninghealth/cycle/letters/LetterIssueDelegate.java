package org.learninghealth.cycle.letters;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/**
 * "Issue the determination letter": the letter the review's decision on its pathway calls for, rendered from its
 * template, stored once with its SHA-256, and linked for the lead's next task ({@code oversightLetter}).
 */
@Component("letterIssue")
public class LetterIssueDelegate implements JavaDelegate {

    private final LetterRenderer renderer;
    private final Letters letters;
    private final LetterProperties properties;

    public LetterIssueDelegate(LetterRenderer renderer, Letters letters, LetterProperties properties) {
        this.renderer = renderer;
        this.letters = letters;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OversightReviewProcess.Decision decision = OversightReviewProcess.Decision.valueOf((String) execution.getVariable(OVERSIGHT_DECISION));
        OversightReviewProcess.Pathway pathway = OversightReviewProcess.Pathway.valueOf((String) execution.getVariable(OVERSIGHT_PATHWAY));
        LetterKind kind = LetterKind.of(decision, pathway);
        String key = (String) execution.getVariable(PROJECT_KEY);
        int cycle = ((Number) execution.getVariable(CYCLE_NUMBER)).intValue();
        Object spread = execution.getVariable(SpreadProcess.SPREAD_UNITS);
        Map<String, Object> model = new HashMap<>();
        model.put("office", properties.office());
        model.put("letterTitle", kind.title());
        model.put("projectKey", key);
        model.put("cycle", cycle);
        model.put("title", execution.getVariable(TITLE));
        model.put("lead", execution.getVariable(PROJECT_LEAD));
        model.put("subject", spread == null ? "the plan of cycle " + cycle : "the spread of the adopted change to " + spread);
        model.put("pathway", pathway.name().replace('_', ' '));
        model.put("decision", decision.name().replace('_', ' '));
        model.put("reviewers", execution.getVariable(OVERSIGHT_REVIEWERS));
        model.put("comments", execution.getVariable(OVERSIGHT_COMMENTS));
        model.put("conditions", execution.getVariable(OVERSIGHT_CONDITIONS));
        model.put("date", SustainClock.today().toString());
        model.put("basis", kind.basis());
        model.put("nextStep", spread == null ? "Revise the plan in the task \"Appraise evidence and plan the change\" and submit it again; the project may"
                + " not start on any unit until it is approved." : "Ask for the spread again with the modifications; no new unit starts until it is approved.");
        byte[] pdf = renderer.pdf(kind, model);
        Letters.Letter letter = letters.issue(key, cycle, kind, kind.title() + " · " + key + (spread == null ? " cycle " + cycle : " spread to " + spread),
                execution.getProcessInstanceId(), pdf);
        execution.setVariable(OVERSIGHT_LETTER, letter.link());
    }
}
