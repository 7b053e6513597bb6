package org.learninghealth.cycle.amendment;

import static org.learninghealth.cycle.amendment.AmendmentProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.identity.ApiCaller;
import org.springframework.stereotype.Component;

/**
 * The IRB required modifications after reportable new information: an amendment opens for the lead to describe,
 * with what the IRB required; an amendment already under review takes the requirement on its next revision instead.
 */
@Component("amendmentOpen")
public class AmendmentOpenDelegate implements JavaDelegate {

    private final RuntimeService runtime;
    private final ApiCaller caller;

    public AmendmentOpenDelegate(RuntimeService runtime, ApiCaller caller) {
        this.runtime = runtime;
        this.caller = caller;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = execution.getProcessBusinessKey();
        String required = "Required by " + execution.getVariable(SAFETY_REVIEWER) + " after reportable new information: "
                + execution.getVariable(SAFETY_REVIEW_NOTES);
        caller.asSystem(() -> {
            var running = runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key).list();
            if (running.isEmpty()) {
                runtime.startProcessInstanceByKey(KEY, key, Variables.createVariables().putValue(AMENDMENT_PROJECT, key)
                        .putValue(AMENDMENT_REQUIRED, required).putValue(AMENDMENT_BY, execution.getVariable(SAFETY_REVIEWER)));
            } else {
                runtime.setVariable(running.get(0).getId(), AMENDMENT_REQUIRED, required);
            }
            return null;
        });
    }
}
