package org.learninghealth.cycle.project;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * The one place that steers running learning cycles from outside Tasklist: withdrawing a project and reporting a
 * safety event. It checks who may do what, then acts as the system, so that people need no engine-wide rights to
 * correlate messages.
 */
@Service
public class LearningCycleService {

    private final RuntimeService runtimeService;
    private final HistoryService historyService;
    private final ApiCaller caller;

    public LearningCycleService(RuntimeService runtimeService, HistoryService historyService, ApiCaller caller) {
        this.runtimeService = runtimeService;
        this.historyService = historyService;
        this.caller = caller;
    }

    /** The lead of the project, a manager or an administrator withdraws it; its knowledge is still captured. */
    public void withdraw(String projectKey, String reason) {
        Authentication user = caller.require();
        ProcessInstance project = runningProject(projectKey);
        String lead = (String) caller.asSystem(() -> runtimeService.getVariable(project.getId(), PROJECT_LEAD));
        if (!user.getUserId().equals(lead) && !ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS))) {
            throw ApiException.forbidden("Only the project's lead (" + lead + "), a manager or an administrator can withdraw " + projectKey + ".");
        }
        if (reason == null || reason.isBlank()) {
            throw ApiException.badRequest("Give a reason for withdrawing " + projectKey + ": it goes into the knowledge record.");
        }
        caller.asSystem(() -> runtimeService.createMessageCorrelation(LearningCycleProcess.MESSAGE_WITHDRAWN)
                .processInstanceId(project.getId())
                .setVariable(WITHDRAWAL_REASON, reason)
                .setVariable(WITHDRAWN_BY, user.getUserId())
                .correlateWithResult());
    }

    /** Anyone working in one of the roles reports a safety event of an approved project; IRB reviewers review it. */
    public void reportSafetyEvent(String projectKey, String description, String severity) {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can report safety events.");
        Authentication user = caller.require();
        if (description == null || description.isBlank()) {
            throw ApiException.badRequest("Describe the safety event.");
        }
        ProcessInstance project = runningProject(projectKey);
        long rollouts = caller.asSystem(() -> historyService.createHistoricActivityInstanceQuery().processInstanceId(project.getId())
                .activityId(LearningCycleProcess.CALL_ROLLOUT).count());
        if (rollouts == 0) {
            throw ApiException.conflict(projectKey + " has not been approved and rolled out yet, so there is no change on the units whose safety could be reviewed.");
        }
        caller.asSystem(() -> runtimeService.createMessageCorrelation(LearningCycleProcess.MESSAGE_SAFETY_EVENT)
                .processInstanceId(project.getId())
                .setVariablesLocal(Variables.createVariables()
                        .putValue(SAFETY_EVENT_DESCRIPTION, description)
                        .putValue(SAFETY_EVENT_SEVERITY, severity == null ? "unspecified" : severity)
                        .putValue(SAFETY_EVENT_REPORTED_BY, user.getUserId()))
                .correlateWithResult());
    }

    private ProcessInstance runningProject(String projectKey) {
        ProcessInstance instance = caller.asSystem(() -> runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(projectKey).singleResult());
        if (instance == null) {
            throw ApiException.notFound("No running project " + projectKey + ".");
        }
        return instance;
    }
}
