package org.learninghealth.cycle.spread;

import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.spread.SpreadProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/**
 * "Record the spread": where the adopted change held, with the manager's conclusion, goes into the adopting cycle's
 * knowledge record, so that the next project that finds it knows on which units it worked.
 */
@Component("spreadRecord")
public class SpreadRecordDelegate implements JavaDelegate {

    private final KnowledgeRepository knowledge;

    public SpreadRecordDelegate(KnowledgeRepository knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object adaptation = execution.getVariable(SPREAD_ADAPTATION);
        String text = SustainClock.today() + ", spread to " + execution.getVariable(SPREAD_UNITS)
                + (Boolean.TRUE.equals(execution.getVariable(CHANGE_ADAPTED)) ? " adapted (" + adaptation + ")" : "") + ": "
                + execution.getVariable(SPREAD_SUMMARY) + " Conclusion: " + execution.getVariable(SPREAD_CONCLUSION);
        knowledge.recordSpread((String) execution.getVariable(PROJECT_KEY), ((Number) execution.getVariable(CYCLE_NUMBER)).intValue(), text);
    }
}
