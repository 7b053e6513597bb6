package org.learninghealth.cycle.identity;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** Who is completing a task: the authenticated user of the request, else the task's assignee. */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** @return the user id, or {@code null} when neither an authentication nor an assignee is known */
    public static String of(DelegateTask task) {
        Authentication authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (authentication != null && authentication.getUserId() != null) {
            return authentication.getUserId();
        }
        return task.getAssignee();
    }
}
