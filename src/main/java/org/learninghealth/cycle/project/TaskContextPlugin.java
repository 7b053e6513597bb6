package org.learninghealth.cycle.project;

import java.util.List;
import java.util.StringJoiner;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * Puts the project's key (and the unit, in unit rollouts) into the name of every task and its title, cycle and unit
 * into the description, so that a
 * lead or reviewer with several projects tells the tasks apart in Tasklist. Applies to every user task of every
 * model, so no model can forget it.
 */
@Component
public class TaskContextPlugin extends AbstractProcessEnginePlugin {

    static final TaskListener LABEL = TaskContextPlugin::label;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener> listeners = configuration.getCustomPreBPMNParseListeners();
        if (listeners == null) {
            listeners = new java.util.ArrayList<>();
            configuration.setCustomPreBPMNParseListeners(listeners);
        }
        listeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, LABEL);
            }
        });
    }

    /** The step a labelled task name stands for ("Triage the challenge · LC-2026-0001" is "Triage the challenge"). */
    public static String stepOf(String taskName) {
        int dot = taskName == null ? -1 : taskName.lastIndexOf(" · ");
        return dot < 0 ? taskName : taskName.substring(0, dot);
    }

    static void label(DelegateTask task) {
        Object key = task.getVariable(PROJECT_KEY);
        if (key == null) {
            return;
        }
        Object unit = task.getVariable(UNIT);
        task.setName(task.getName() + (unit == null ? "" : " · " + unit) + " · " + key);
        StringJoiner description = new StringJoiner(" · ");
        description.add(key.toString());
        add(description, task.getVariable(TITLE), "");
        add(description, task.getVariable(CYCLE_NUMBER), "cycle ");
        add(description, task.getVariable(UNIT), "unit ");
        task.setDescription(description.toString());
    }

    private static void add(StringJoiner joiner, Object value, String prefix) {
        if (value != null) {
            joiner.add(prefix + value);
        }
    }
}
