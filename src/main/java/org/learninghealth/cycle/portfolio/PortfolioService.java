package org.learninghealth.cycle.portfolio;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

/**
 * Every project on one page: where it is, since when, on whom it waits, and how it ended. Managers and administrators
 * see all projects, a lead only the projects they started. Built from a fixed number of engine queries whatever the
 * number of projects (instances, their variables, open tasks, unfinished activities), run as the system after the
 * caller's role is checked.
 */
@Service
public class PortfolioService {

    static final List<String> VARIABLES = List.of(TITLE, PROJECT_LEAD, UNITS, OVERSIGHT_PATHWAY, CYCLE_NUMBER, EVALUATION_SUMMARY,
            RECOMMENDATION, CYCLE_OUTCOME);

    private final HistoryService historyService;
    private final TaskService taskService;
    private final RepositoryService repositoryService;
    private final ApiCaller caller;
    /** Candidate groups of each user task, per process definition (models do not change once deployed). */
    private final Map<String, Map<String, String>> candidateGroups = new ConcurrentHashMap<>();

    public PortfolioService(HistoryService historyService, TaskService taskService, RepositoryService repositoryService, ApiCaller caller) {
        this.historyService = historyService;
        this.taskService = taskService;
        this.repositoryService = repositoryService;
        this.caller = caller;
    }

    /** Who sees what: managers and administrators everything, leads their own projects, others nothing. */
    String scope() {
        Authentication user = caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS, Roles.PROJECT_LEADS),
                "The portfolio is for managers, administrators and project leads (who see their own projects).");
        return ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS)) ? null : user.getUserId();
    }

    public List<ProjectRow> projects(PortfolioFilter filter) {
        String onlyLead = scope();
        return caller.asSystem(() -> rows(onlyLead)).stream().filter(filter::matches).sorted(filter.order()).toList();
    }

    private List<ProjectRow> rows(String onlyLead) {
        HistoricProcessInstanceQuery query = historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY);
        if (onlyLead != null) {
            query.startedBy(onlyLead);
        }
        List<HistoricProcessInstance> instances = query.list();
        Set<String> ids = instances.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());

        Map<String, Map<String, Object>> variables = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .variableNameIn(VARIABLES.toArray(String[]::new)).list()) {
            if (ids.contains(v.getProcessInstanceId()) && v.getProcessInstanceId().equals(v.getExecutionId()) && v.getValue() != null) {
                variables.computeIfAbsent(v.getProcessInstanceId(), k -> new HashMap<>()).put(v.getName(), v.getValue());
            }
        }
        // tasks of called processes belong to the project whose business key their process instance carries
        Map<String, String> projectOf = new HashMap<>();
        instances.forEach(i -> projectOf.put(i.getId(), i.getBusinessKey()));
        historyService.createHistoricProcessInstanceQuery().processDefinitionKeyIn(OversightReviewProcess.KEY, UnitRolloutProcess.KEY)
                .unfinished().list().forEach(i -> projectOf.put(i.getId(), i.getBusinessKey()));
        Map<String, List<Task>> tasks = taskService.createTaskQuery()
                .processDefinitionKeyIn(LearningCycleProcess.KEY, OversightReviewProcess.KEY, UnitRolloutProcess.KEY).list().stream()
                .filter(t -> projectOf.get(t.getProcessInstanceId()) != null)
                .collect(Collectors.groupingBy(t -> projectOf.get(t.getProcessInstanceId())));
        Map<String, List<HistoricActivityInstance>> open = historyService.createHistoricActivityInstanceQuery().unfinished().list().stream()
                .filter(a -> ids.contains(a.getProcessInstanceId()))
                .collect(Collectors.groupingBy(HistoricActivityInstance::getProcessInstanceId));

        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<ProjectRow> rows = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            Map<String, Object> v = variables.getOrDefault(instance.getId(), Map.of());
            rows.add(row(instance, v, tasks.getOrDefault(instance.getBusinessKey(), List.of()), open.getOrDefault(instance.getId(), List.of()), now));
        }
        return rows;
    }

    private ProjectRow row(HistoricProcessInstance instance, Map<String, Object> v, List<Task> tasks, List<HistoricActivityInstance> open,
                           Instant now) {
        boolean ended = instance.getEndTime() != null;
        Set<Stage> stages = new TreeSet<>();
        Instant since = null;
        boolean systemWaits = false;
        for (HistoricActivityInstance activity : open) {
            var stage = Stage.of(activity.getActivityId());
            if (stage.isPresent()) {
                stages.add(stage.get());
                Instant start = activity.getStartTime().toInstant();
                since = since == null || start.isBefore(since) ? start : since;
                systemWaits |= !"userTask".equals(activity.getActivityType()) && !"callActivity".equals(activity.getActivityType())
                        && !"multiInstanceBody".equals(activity.getActivityType());
            }
        }
        Set<String> waitingOn = new TreeSet<>();
        Instant due = null;
        for (Task task : tasks) {
            waitingOn.add(task.getAssignee() != null ? task.getAssignee() : groupsOf(task));
            if (task.getDueDate() != null) {
                Instant d = task.getDueDate().toInstant();
                due = due == null || d.isBefore(due) ? d : due;
            }
        }
        if (!ended && waitingOn.isEmpty() && (systemWaits || !stages.isEmpty())) {
            waitingOn.add("system");
        }
        String decision = ended ? decisionOf(instance, v) : null;
        return new ProjectRow(instance.getBusinessKey(), (String) v.get(TITLE), (String) v.getOrDefault(PROJECT_LEAD, instance.getStartUserId()),
                (String) v.get(UNITS), ended ? "ended" : "open", ended ? List.of() : stages.stream().map(Stage::label).toList(),
                ended ? null : since, ended || since == null ? null : Duration.between(since, now).toDays(), List.copyOf(waitingOn),
                ended ? null : due, !ended && due != null && due.isBefore(now), (String) v.get(OVERSIGHT_PATHWAY),
                v.get(CYCLE_NUMBER) instanceof Number n ? n.intValue() : null, firstLine((String) v.get(EVALUATION_SUMMARY)),
                (String) v.get(RECOMMENDATION), decision, instance.getStartTime().toInstant(),
                ended ? instance.getEndTime().toInstant() : null, instance.getId(),
                ended ? null : "/camunda/app/cockpit/default/#/process-instance/" + instance.getId() + "/runtime");
    }

    private static String decisionOf(HistoricProcessInstance instance, Map<String, Object> v) {
        if (LearningCycleProcess.END_DECLINED.equals(instance.getEndActivityId())) {
            return "DECLINED";
        }
        return v.get(CYCLE_OUTCOME) == null ? instance.getState() : v.get(CYCLE_OUTCOME).toString();
    }

    private static String firstLine(String summary) {
        if (summary == null) {
            return null;
        }
        int end = summary.indexOf('\n');
        return end < 0 ? summary : summary.substring(0, end);
    }

    private String groupsOf(Task task) {
        Map<String, String> groups = candidateGroups.computeIfAbsent(task.getProcessDefinitionId(), id ->
                repositoryService.getBpmnModelInstance(id).getModelElementsByType(UserTask.class).stream()
                        .filter(u -> u.getCamundaCandidateGroups() != null)
                        .collect(Collectors.toMap(UserTask::getId, UserTask::getCamundaCandidateGroups)));
        return groups.getOrDefault(task.getTaskDefinitionKey(), "unassigned");
    }
}
