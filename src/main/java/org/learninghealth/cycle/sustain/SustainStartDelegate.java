package org.learninghealth.cycle.sustain;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.springframework.stereotype.Component;

/**
 * "Start monitoring": after adoption, the periods after the last one the evaluation used are the ones to judge, and
 * the stretch without a slip starts today. Also the timer's interval, {@code ${sustainStart.reviewEvery()}}.
 */
@Component("sustainStart")
public class SustainStartDelegate implements JavaDelegate {

    /** Everything a monitoring run writes, cleared when a new cycle starts. */
    public static final List<String> VARIABLES = List.of(EVALUATED_THROUGH, SUSTAIN_SINCE, SUSTAIN_STABLE_SINCE, SUSTAIN_SEEN_THROUGH,
            SUSTAIN_ACCEPTED_THROUGH, SUSTAIN_QUIET_REVIEWS, SUSTAIN_VERDICT, SUSTAIN_STATUS, SUSTAIN_SIGNAL, SUSTAIN_SIGNAL_THROUGH,
            SUSTAIN_ADOPTED_LEVEL, SUSTAIN_LEVEL, SUSTAIN_DECISION, SUSTAIN_DECISION_REASON, SUSTAIN_OUTCOME, SUSTAIN_MONTHS);

    private final SustainProperties properties;
    private final KnowledgeRepository knowledge;

    public SustainStartDelegate(SustainProperties properties, KnowledgeRepository knowledge) {
        this.properties = properties;
        this.knowledge = knowledge;
    }

    public String reviewEvery() {
        return properties.reviewEvery();
    }

    @Override
    public void execute(DelegateExecution execution) {
        String today = SustainClock.today().toString();
        knowledge.startSustain((String) execution.getVariable(PROJECT_KEY), ((Number) execution.getVariable(CYCLE_NUMBER)).intValue(), SustainClock.today());
        String through = (String) execution.getVariable(EVALUATED_THROUGH);
        execution.setVariable(SUSTAIN_SINCE, today);
        execution.setVariable(SUSTAIN_STABLE_SINCE, today);
        execution.setVariable(SUSTAIN_SEEN_THROUGH, through);
        execution.setVariable(SUSTAIN_ACCEPTED_THROUGH, through);
        execution.setVariable(SUSTAIN_QUIET_REVIEWS, 0);
        execution.setVariable(SUSTAIN_VERDICT, null);
        execution.setVariable(SUSTAIN_OUTCOME, null);
        execution.setVariable(SUSTAIN_MONTHS, 0L);
        execution.setVariable(SUSTAIN_STATUS, "Monitoring since " + today + ": every " + properties.reviewEvery() + " the periods after "
                + through + " (the last the adopting evaluation used) are judged against the adopted phase's limits; "
                + properties.stableMonths() + " months without a slip and the change is sustained.");
    }
}
