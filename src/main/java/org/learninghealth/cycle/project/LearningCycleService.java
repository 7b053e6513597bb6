package org.learninghealth.cycle.project;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import java.time.LocalDate;
import org.learninghealth.cycle.reportable.ReportableProperties;
import org.learninghealth.cycle.sustain.SustainClock;
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
    private final ReportableProperties reportable;

    public LearningCycleService(RuntimeService runtimeService, HistoryService historyService, ApiCaller caller, ReportableProperties reportable) {
        this.reportable = reportable;
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

    /** A report as received: when the problem was discovered, when the report was due, and whether it came late. */
    public record Report(LocalDate discovered, LocalDate due, boolean late) {
    }

    /**
     * Anyone working in one of the roles reports new information (a safety event, an unanticipated problem,
     * non-compliance) about an approved project; IRB reviewers review it. The report is due
     * {@code learning-cycle.reportable.report-within-business-days} business days after the problem was discovered.
     *
     * @param discovered the day the problem was discovered (ISO date)
     */
    public Report reportSafetyEvent(String projectKey, String description, String severity, String discovered) {
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
        LocalDate found;
        try {
            found = LocalDate.parse(discovered == null ? "" : discovered.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiException.badRequest("Give the day the problem was discovered as discovered, like 2026-06-01" + (discovered == null ? "." : ", not '" + discovered + "'."));
        }
        LocalDate today = SustainClock.today();
        if (found.isAfter(today)) {
            throw ApiException.badRequest("The problem cannot have been discovered on " + found + ", which is after today (" + today + ").");
        }
        Report report = new Report(found, reportable.reportDue(found), today.isAfter(reportable.reportDue(found)));
        caller.asSystem(() -> runtimeService.createMessageCorrelation(LearningCycleProcess.MESSAGE_SAFETY_EVENT)
                .processInstanceId(project.getId())
                .setVariablesLocal(Variables.createVariables()
                        .putValue(SAFETY_EVENT_DESCRIPTION, description)
                        .putValue(SAFETY_EVENT_SEVERITY, severity == null ? "unspecified" : severity)
                        .putValue(SAFETY_EVENT_REPORTED_BY, user.getUserId())
                        .putValue(SAFETY_EVENT_DISCOVERED, report.discovered().toString())
                        .putValue(SAFETY_EVENT_REPORT_DUE, report.due().toString())
                        .putValue(SAFETY_EVENT_LATE, report.late()))
                .correlateWithResult());
        return report;
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
