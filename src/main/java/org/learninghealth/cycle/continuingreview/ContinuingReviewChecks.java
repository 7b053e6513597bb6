package org.learninghealth.cycle.continuingreview;

import static org.learninghealth.cycle.continuingreview.ContinuingReviewProcess.*;
import static org.learninghealth.cycle.system.TaskAnswers.fits;
import static org.learninghealth.cycle.system.TaskAnswers.required;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.identity.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * On completing the continuing-review submission or its review, whatever client sent it: the submission says what
 * happened since approval; a review requiring modifications says which; the reviewer is recorded for the letter.
 */
@Component("continuingReviewChecks")
public class ContinuingReviewChecks implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        List<String> problems = new ArrayList<>();
        switch (task.getTaskDefinitionKey()) {
            case TASK_SUBMIT -> {
                required(task, CONTINUING_REVIEW_PROGRESS, "Describe the progress since approval (units live, what was measured).", problems);
                required(task, CONTINUING_REVIEW_PROBLEMS, "Name the unanticipated problems, safety events or complaints since approval, or write \"None\".", problems);
                required(task, CONTINUING_REVIEW_CHANGES, "Name the changes since approval, or write \"None\".", problems);
            }
            case TASK_REVIEW -> {
                Object answer = task.getVariable(CONTINUING_REVIEW_DECISION);
                if (answer == null || Arrays.stream(Decision.values()).noneMatch(d -> d.name().equals(answer))) {
                    problems.add("Choose whether to approve the continuation or require modifications.");
                } else if (Decision.MODIFICATIONS_REQUIRED.name().equals(answer)) {
                    required(task, CONTINUING_REVIEW_COMMENTS, "Say which modifications the continuation requires.", problems);
                }
                fits(task, CONTINUING_REVIEW_COMMENTS, "The comments", problems);
                if (problems.isEmpty()) {
                    task.getExecution().setVariable(CONTINUING_REVIEW_REVIEWER, CurrentUser.of(task));
                }
            }
            default -> throw new IllegalStateException("continuingReviewChecks is not meant for " + task.getTaskDefinitionKey());
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("This cannot be sent yet: " + String.join(" ", problems));
        }
    }
}
