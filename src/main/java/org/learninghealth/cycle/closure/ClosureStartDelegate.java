package org.learninghealth.cycle.closure;

import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.variable.VariableMap;
import org.learninghealth.cycle.closure.ClosureProcess.Ending;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.sustain.SustainClock;
import org.springframework.stereotype.Component;

/**
 * The learning cycle's closing end events (sustained, monitoring stopped, abandoned, halted, withdrawn): a project
 * the IRB approved on a pathway other than QI starts its closure ({@code closure.bpmn}) under the project's key; any
 * other project just ends. Started as the system: whoever took the last step needs no right to start it.
 */
@Component("closureStart")
public class ClosureStartDelegate implements JavaDelegate {

    private final ClosureService closures;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final ApiCaller caller;

    public ClosureStartDelegate(ClosureService closures, RuntimeService runtime, HistoryService history, ApiCaller caller) {
        this.closures = closures;
        this.runtime = runtime;
        this.history = history;
        this.caller = caller;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Optional<Ending> ending = Ending.at(execution.getCurrentActivityId());
        String key = execution.getProcessBusinessKey();
        var project = execution.getVariables();
        if (ending.isEmpty() || !closures.needed(key, project)) {
            return;
        }
        long safetyEvents = history.createHistoricTaskInstanceQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey(LearningCycleProcess.TASK_REVIEW_SAFETY_EVENT).count();
        VariableMap start = closures.startVariables(key, project, ending.get(), safetyEvents, SustainClock.today());
        caller.asSystem(() -> runtime.startProcessInstanceByKey(ClosureProcess.KEY, key, start));
    }
}
