package org.learninghealth.cycle.system;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Checks of what a person entered at a task, shared by the listeners that refuse an incomplete answer with its problems. */
public final class TaskAnswers {

    private TaskAnswers() {
    }

    /** Adds {@code problem} when the field is empty, or that it is too long to keep. */
    public static void required(DelegateTask task, String name, String problem, List<String> problems) {
        Object value = task.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            problems.add(problem);
        } else {
            fits(task, name, problems);
        }
    }

    /** Adds a problem when the field holds more than a variable keeps ({@link VariableText#MAX}). */
    public static void fits(DelegateTask task, String name, List<String> problems) {
        Object value = task.getVariable(name);
        if (value != null && value.toString().length() > VariableText.MAX) {
            problems.add(name + " has " + value.toString().length() + " characters; at most " + VariableText.MAX + " fit.");
        }
    }
}
