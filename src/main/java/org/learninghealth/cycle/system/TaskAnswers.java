package org.learninghealth.cycle.system;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;

/** Checks of what a person entered at a task, shared by the listeners that refuse an incomplete answer with its problems. */
public final class TaskAnswers {

    private TaskAnswers() {
    }

    /** Adds {@code missing} when the field is empty, or that it is too long to keep. */
    public static void required(DelegateTask task, String name, String missing, List<String> problems) {
        if (blank(task.getVariable(name))) {
            problems.add(missing);
        }
        fits(task, name, "The text", problems);
    }

    /** Adds a problem naming {@code what} when the field holds more than a variable keeps ({@link VariableText#MAX}). */
    public static void fits(DelegateTask task, String name, String what, List<String> problems) {
        Object value = task.getVariable(name);
        if (value != null && value.toString().length() > VariableText.MAX) {
            problems.add(what + " has " + value.toString().length() + " characters; shorten it to at most " + VariableText.MAX + ".");
        }
    }

    public static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
