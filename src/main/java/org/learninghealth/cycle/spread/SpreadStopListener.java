package org.learninghealth.cycle.spread;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.springframework.stereotype.Component;

/**
 * A halted or withdrawn project takes its change off the units: a spread of it under way stops with it, its rollouts
 * and tasks with it, and its units are marked stopped. On the end events of the halt and the withdrawal.
 */
@Component("spreadStop")
public class SpreadStopListener implements ExecutionListener {

    private final RuntimeService runtime;
    private final SpreadUnits spreadUnits;

    public SpreadStopListener(RuntimeService runtime, SpreadUnits spreadUnits) {
        this.runtime = runtime;
        this.spreadUnits = spreadUnits;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String reason = "The project was " + (execution.getCurrentActivityId().contains("Halted") ? "halted" : "withdrawn")
                + ", so its change does not spread any further.";
        for (ProcessInstance spread : runtime.createProcessInstanceQuery().processDefinitionKey(SpreadProcess.KEY)
                .processInstanceBusinessKey(execution.getProcessBusinessKey()).list()) {
            runtime.deleteProcessInstance(spread.getId(), reason);
            spreadUnits.stopped(spread.getId());
        }
    }
}
