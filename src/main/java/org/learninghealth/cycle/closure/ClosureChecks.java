package org.learninghealth.cycle.closure;

import static org.learninghealth.cycle.closure.ClosureProcess.*;
import static org.learninghealth.cycle.system.TaskAnswers.fits;
import static org.learninghealth.cycle.system.TaskAnswers.required;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * On completing the closure report or its acknowledgement, whatever client sent it (Tasklist, REST): the report is
 * complete and the lead confirms the activity has ended; a returned report says what is missing; the reviewer is
 * recorded for the letter.
 */
@Component("closureChecks")
public class ClosureChecks implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        switch (task.getTaskDefinitionKey()) {
            case TASK_SUBMIT_REPORT -> {
                required(task, CLOSURE_SUMMARY, "Write the closure report (what was done, on which units, what was found).", problems);
                required(task, CLOSURE_PROBLEMS, "Name the unanticipated problems, safety events or complaints since the last review, or write \"None\".", problems);
                required(task, CLOSURE_DATA, "Say where the project's data are kept, for how long, and what was destroyed.", problems);
                if (!Boolean.TRUE.equals(task.getVariable(CLOSURE_ACTIVITIES_ENDED))) {
                    problems.add("Confirm that all project activity on the units has ended: a project still active cannot be closed.");
                }
            }
            case TASK_ACKNOWLEDGE -> {
                Object answer = task.getVariable(CLOSURE_DECISION);
                if (answer == null || List.of(Answer.values()).stream().noneMatch(a -> a.name().equals(answer))) {
                    problems.add("Choose whether to acknowledge the closure or return the report to the lead.");
                } else if (Answer.RETURN.name().equals(answer)) {
                    required(task, CLOSURE_COMMENTS, "Say what the report is missing, so that the lead can complete it.", problems);
                }
                fits(task, CLOSURE_COMMENTS, "The comments", problems);
                if (problems.isEmpty()) {
                    task.getExecution().setVariable(CLOSURE_REVIEWER, CurrentUser.of(task));
                }
            }
            default -> throw new IllegalStateException("closureChecks is not meant for " + task.getTaskDefinitionKey());
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("This cannot be sent yet: " + String.join(" ", problems));
        }
    }
}
