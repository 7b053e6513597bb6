package org.learninghealth.cycle.identity;

import org.camunda.bpm.engine.AuthorizationException;

/** Nobody approves a gate of a project they lead. */
public final class SeparationOfDuties {

    private SeparationOfDuties() {
    }

    /**
     * @throws AuthorizationException naming the project and the gate when {@code userId} leads the project
     */
    public static void check(String userId, String projectLead, String projectKey, String gateName) {
        if (userId != null && userId.equals(projectLead)) {
            throw new AuthorizationException("Separation of duties: " + userId + " leads project " + projectKey
                    + " and cannot complete '" + gateName + "' for it. Another member of the responsible group must decide.");
        }
    }
}
