package org.learninghealth.cycle.letters;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/**
 * Issues a letter from a step of a project's process: the particulars every letter names (office, project key and
 * cycle, title, lead, pathway, date, regulatory basis) from the process, the determination from the step, rendered
 * from the kind's template and stored once per process instance and kind.
 */
@Component
public class LetterIssuer {

    /**
     * What one letter determines.
     *
     * @param subject    what was reviewed ("the plan of cycle 2", "the closure report")
     * @param decision   the determination as the particulars show it
     * @param reviewers  who decided
     * @param comments   their comments, or {@code null}
     * @param conditions conditions of an approval, or {@code null}
     * @param more       what the kind's own template reads besides
     */
    public record Determination(String subject, String decision, Object reviewers, Object comments, Object conditions, Map<String, Object> more) {
    }

    private final LetterRenderer renderer;
    private final Letters letters;
    private final LetterProperties properties;

    public LetterIssuer(LetterRenderer renderer, Letters letters, LetterProperties properties) {
        this.renderer = renderer;
        this.letters = letters;
        this.properties = properties;
    }

    /**
     * Issues the letter once for the step's process instance and kind.
     *
     * @param about what the stored title names after the project key (" cycle 1", " spread to 6 South")
     */
    public Letters.Letter issue(DelegateExecution execution, LetterKind kind, Determination determination, String about) {
        return issue(execution, kind, determination, about, execution.getProcessInstanceId());
    }

    /** @param issuedFor what the letter is issued for, once: a review's process instance, or a period of it */
    public Letters.Letter issue(DelegateExecution execution, LetterKind kind, Determination determination, String about, String issuedFor) {
        String key = (String) execution.getVariable(PROJECT_KEY);
        int cycle = ((Number) execution.getVariable(CYCLE_NUMBER)).intValue();
        Object pathway = execution.getVariable(OVERSIGHT_PATHWAY);
        Map<String, Object> model = new HashMap<>(determination.more());
        model.put("office", properties.office());
        model.put("letterTitle", kind.title());
        model.put("projectKey", key);
        model.put("cycle", cycle);
        model.put("title", execution.getVariable(TITLE));
        model.put("lead", execution.getVariable(PROJECT_LEAD));
        model.put("subject", determination.subject());
        model.put("pathway", pathway == null ? null : pathway.toString().replace('_', ' '));
        model.put("decision", determination.decision());
        model.put("reviewers", determination.reviewers());
        model.put("comments", determination.comments());
        model.put("conditions", determination.conditions());
        model.put("date", SustainClock.today().toString());
        model.put("basis", kind.basis());
        return letters.issue(key, cycle, kind, kind.title() + " · " + key + about, issuedFor, renderer.pdf(kind, model));
    }
}
