package org.learninghealth.cycle.portfolio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.project.CycleVariables;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

/** The stages and decisions of one project in time order, for the manager page. */
@Service
public class TimelineService {

    /** One step: a stage's activity (a task, a review, a rollout, ...) with who did it. */
    public record Step(String stage, String activity, Instant start, Instant end, String assignee) {
    }

    private final HistoryService historyService;
    private final ApiCaller caller;

    public TimelineService(HistoryService historyService, ApiCaller caller) {
        this.historyService = historyService;
        this.caller = caller;
    }

    public List<Step> timeline(String projectKey) {
        var user = caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS, Roles.PROJECT_LEADS),
                "Project timelines are for managers, administrators and the project's lead.");
        boolean all = ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS));
        return caller.asSystem(() -> {
            HistoricProcessInstance project = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                    .processInstanceBusinessKey(projectKey).singleResult();
            boolean own = project != null && historyService.createHistoricVariableInstanceQuery().processInstanceId(project.getId())
                    .variableName(CycleVariables.PROJECT_LEAD).list().stream().anyMatch(v -> user.getUserId().equals(v.getValue()));
            if (project == null || (!all && !own)) {
                throw ApiException.notFound("No project " + projectKey + " that you may see.");
            }
            List<Step> steps = new ArrayList<>();
            for (HistoricActivityInstance a : historyService.createHistoricActivityInstanceQuery().processInstanceId(project.getId()).list()) {
                Stage.of(a.getActivityId()).ifPresent(stage -> steps.add(new Step(stage.label(), a.getActivityName(), a.getStartTime().toInstant(),
                        a.getEndTime() == null ? null : a.getEndTime().toInstant(), a.getAssignee())));
            }
            // same instants happen when no time passes between steps: then the model's order decides
            steps.sort(Comparator.comparing(Step::start).thenComparing(Step::end, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(s -> Stage.named(s.stage()).map(Enum::ordinal).orElse(99)));
            return steps;
        });
    }
}
