package org.learninghealth.cycle.identity;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.learninghealth.cycle.project.CycleVariables;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Component;

/** Who may read a project's IRB records (letters, plan versions): its lead, IRB reviewers, managers and administrators. */
@Component
public class ProjectAccess {

    public static final List<String> OFFICE = List.of(Roles.IRB_REVIEWERS, Roles.MANAGERS, Roles.ADMINS);

    private final HistoryService history;
    private final ApiCaller caller;

    public ProjectAccess(HistoryService history, ApiCaller caller) {
        this.history = history;
        this.caller = caller;
    }

    /**
     * @param what what is asked for, as the refusal names it ("letters")
     * @throws ApiException 404 to anyone else, who is told nothing of the project
     */
    public void requireLeadOrOffice(String projectKey, String what) {
        Authentication user = caller.require();
        if (ApiCaller.inAnyGroup(user, OFFICE)) {
            return;
        }
        String lead = caller.asSystem(() -> lead(projectKey));
        if (lead == null || !lead.equals(user.getUserId())) {
            throw ApiException.notFound("No " + what + " of " + projectKey + " for you: they are for its lead, IRB reviewers, managers and administrators.");
        }
    }

    /** The project's lead as its process holds it (the one who described the challenge unless changed), or {@code null} for no project. */
    private String lead(String projectKey) {
        HistoricProcessInstance project = history.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(projectKey).singleResult();
        if (project == null) {
            return null;
        }
        HistoricVariableInstance v = history.createHistoricVariableInstanceQuery().processInstanceId(project.getId())
                .variableName(CycleVariables.PROJECT_LEAD).list().stream().filter(x -> project.getId().equals(x.getActivityInstanceId()))
                .findFirst().orElse(null);
        return v == null ? project.getStartUserId() : (String) v.getValue();
    }
}
