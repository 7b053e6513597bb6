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
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.RolloutPlanner;
import org.learninghealth.cycle.closure.ClosureProcess;
import org.learninghealth.cycle.continuingreview.ApprovalPeriods;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.learninghealth.cycle.spread.SpreadProcess;
import org.learninghealth.cycle.sustain.SustainClock;
import org.learninghealth.cycle.system.ApiException;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every project on one page: where it is, since when, on whom it waits, and how it ended. Managers and administrators
 * see all projects, a lead only the projects they started. Built from a fixed number of engine queries whatever the
 * number of projects (instances, their variables, open tasks, unfinished activities), run as the system after the
 * caller's role is checked. Variables, tasks and activities are read from Camunda's documented tables with plain SQL,
 * which keeps a page of thousands of projects fast.
 */
@Service
public class PortfolioService {

    static final List<String> VARIABLES = List.of(TITLE, PROJECT_LEAD, UNITS, OVERSIGHT_PATHWAY, CYCLE_NUMBER, EVALUATION_SUMMARY,
            RECOMMENDATION, CYCLE_OUTCOME, SUSTAIN_SINCE, SUSTAIN_MONTHS, SUSTAIN_OUTCOME, VARIATION_ICON, ASSURANCE_ICON);

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ApiCaller caller;
    private final JdbcTemplate jdbc;
    private final SpreadUnits spreadUnits;
    private final ApprovalPeriods approvalPeriods;
    /** Candidate groups of each user task, per process definition (models do not change once deployed). */
    private final Map<String, Map<String, String>> candidateGroups = new ConcurrentHashMap<>();

    public PortfolioService(HistoryService historyService, RepositoryService repositoryService, ApiCaller caller,
                            JdbcTemplate jdbc, SpreadUnits spreadUnits, ApprovalPeriods approvalPeriods) {
        this.jdbc = jdbc;
        this.approvalPeriods = approvalPeriods;
        this.spreadUnits = spreadUnits;
        this.historyService = historyService;
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

        Map<String, Map<String, Object>> variables = projectVariables(ids);
        // open tasks, also of the called processes (which carry the project's business key), and unfinished activities
        Map<String, List<OpenTask>> tasks = new HashMap<>();
        jdbc.query("select e.BUSINESS_KEY_, t.ASSIGNEE_, t.DUE_DATE_, t.TASK_DEF_KEY_, t.PROC_DEF_ID_ from ACT_RU_TASK t"
                + " join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_", rs -> {
            if (rs.getString(1) != null) {
                tasks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new OpenTask(rs.getString(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)));
            }
        });
        Map<String, List<OpenActivity>> open = new HashMap<>();
        jdbc.query("select PROC_INST_ID_, ACT_ID_, ACT_TYPE_, START_TIME_ from ACT_HI_ACTINST where END_TIME_ is null and PROC_DEF_KEY_ = ?",
                rs -> {
                    if (ids.contains(rs.getString(1))) {
                        open.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new OpenActivity(rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant()));
                    }
                }, LearningCycleProcess.KEY);

        // what keeps a project open after its cycle ended: a spread under way, the closure with the IRB; and the coverage of every project with a spread
        Map<String, Set<Stage>> afterCycle = new HashMap<>();
        jdbc.query("select BUSINESS_KEY_, PROC_DEF_ID_ from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_ and (PROC_DEF_ID_ like ? or PROC_DEF_ID_ like ?)",
                rs -> {
                    afterCycle.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2).startsWith(SpreadProcess.KEY + ":") ? Stage.SPREAD : Stage.CLOSURE);
                }, SpreadProcess.KEY + ":%", ClosureProcess.KEY + ":%");
        Map<String, SpreadUnits.Coverage> coverage = spreadUnits.coverage();
        // the approvals under continuing review
        java.time.LocalDate today = SustainClock.today();
        Map<String, ProjectRow.IrbApproval> approvals = new HashMap<>();
        approvalPeriods.open().forEach(p -> approvals.put(p.projectKey(), new ProjectRow.IrbApproval(p.reviewDue(), p.expires(), p.lapsed(today))));

        Instant now = ClockUtil.getCurrentTime().toInstant();
        List<ProjectRow> rows = new ArrayList<>();
        for (HistoricProcessInstance instance : instances) {
            Map<String, Object> v = variables.getOrDefault(instance.getId(), Map.of());
            rows.add(row(instance, v, tasks.getOrDefault(instance.getBusinessKey(), List.of()), open.getOrDefault(instance.getId(), List.of()), now,
                    afterCycle.getOrDefault(instance.getBusinessKey(), Set.of()), coverage.get(instance.getBusinessKey()),
                    approvals.get(instance.getBusinessKey())));
        }
        return rows;
    }

    /**
     * The project-level variables of every learning cycle, read straight from Camunda's history table: the
     * variable query would map every value through Camunda's serializers, which costs more than the rest of the page
     * together on a large portfolio. The table is part of Camunda's documented schema; only plain values are read.
     */
    private Map<String, Map<String, Object>> projectVariables(Set<String> ids) {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        String names = String.join(",", java.util.Collections.nCopies(VARIABLES.size(), "?"));
        List<Object> arguments = new ArrayList<>();
        arguments.add(LearningCycleProcess.KEY);
        arguments.addAll(VARIABLES);
        jdbc.query("select PROC_INST_ID_, NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ from ACT_HI_VARINST where PROC_DEF_KEY_ = ? and NAME_ in ("
                + names + ") and EXECUTION_ID_ = PROC_INST_ID_ and STATE_ = 'CREATED'", rs -> {
            String instance = rs.getString(1);
            if (ids.contains(instance)) {
                Object value = switch (rs.getString(3)) {
                    case "string" -> rs.getString(4);
                    case "integer", "long", "short" -> rs.getObject(5) == null ? null : rs.getLong(5);
                    case "double" -> rs.getObject(6) == null ? null : rs.getDouble(6);
                    default -> null;
                };
                if (value != null) {
                    variables.computeIfAbsent(instance, k -> new HashMap<>()).put(rs.getString(2), value);
                }
            }
        }, arguments.toArray());
        return variables;
    }

    /** An open task as the page needs it. */
    record OpenTask(String assignee, Instant due, String taskKey, String processDefinitionId) {
    }

    /** An activity a project is in now. */
    record OpenActivity(String activityId, String type, Instant start) {
    }

    private ProjectRow row(HistoricProcessInstance instance, Map<String, Object> v, List<OpenTask> tasks, List<OpenActivity> open,
                           Instant now, Set<Stage> afterCycle, SpreadUnits.Coverage coverage, ProjectRow.IrbApproval approval) {
        // a spread of the adopted change, or the closure with the IRB, keeps the project open after its cycle ended
        boolean ended = instance.getEndTime() != null && afterCycle.isEmpty();
        boolean spreading = afterCycle.contains(Stage.SPREAD);
        Set<Stage> stages = new TreeSet<>(afterCycle);
        Instant since = null;
        boolean systemWaits = false;
        for (OpenActivity activity : open) {
            var stage = Stage.of(activity.activityId());
            if (stage.isPresent()) {
                stages.add(stage.get());
                since = since == null || activity.start().isBefore(since) ? activity.start() : since;
                systemWaits |= !"userTask".equals(activity.type()) && !"callActivity".equals(activity.type())
                        && !"multiInstanceBody".equals(activity.type());
            }
        }
        Set<String> waitingOn = new TreeSet<>();
        Instant due = null;
        for (OpenTask task : tasks) {
            waitingOn.add(task.assignee() != null ? task.assignee() : groupsOf(task));
            if (task.due() != null) {
                due = due == null || task.due().isBefore(due) ? task.due() : due;
            }
        }
        if (!ended && waitingOn.isEmpty() && (systemWaits || !stages.isEmpty())) {
            waitingOn.add("system");
        }
        String decision = instance.getEndTime() != null ? decisionOf(instance, v)
                : stages.contains(Stage.SUSTAINING) || spreading ? (String) v.get(CYCLE_OUTCOME) : null;
        Integer planned = coverage == null ? null : unitCount((String) v.get(UNITS)) + coverage.spreadUnits();
        Long toLastUnit = coverage == null || coverage.adoptedAt() == null || coverage.lastLive() == null || coverage.live() < planned ? null
                : java.time.temporal.ChronoUnit.DAYS.between(coverage.adoptedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(), coverage.lastLive());
        return new ProjectRow(instance.getBusinessKey(), (String) v.get(TITLE), (String) v.getOrDefault(PROJECT_LEAD, instance.getStartUserId()),
                (String) v.get(UNITS), ended ? "ended" : "open", ended ? List.of() : stages.stream().map(Stage::label).toList(),
                ended ? null : since, ended || since == null ? null : Duration.between(since, now).toDays(), List.copyOf(waitingOn),
                ended ? null : due, !ended && due != null && due.isBefore(now), (String) v.get(OVERSIGHT_PATHWAY),
                v.get(CYCLE_NUMBER) instanceof Number n ? n.intValue() : null, VariableText.firstLine(v.get(EVALUATION_SUMMARY)),
                (String) v.get(RECOMMENDATION), decision, instance.getStartTime().toInstant(),
                ended ? instance.getEndTime().toInstant() : null, instance.getId(),
                ended ? null : "/camunda/app/cockpit/default/#/process-instance/" + instance.getId() + "/runtime",
                monthsSustained(v, stages, now), ProjectRow.Icon.of(v.get(VARIATION_ICON)), ProjectRow.Icon.of(v.get(ASSURANCE_ICON)),
                (String) v.get(SUSTAIN_OUTCOME), coverage == null ? null : coverage.live(), planned, toLastUnit, approval);
    }

    private static int unitCount(String units) {
        try {
            return RolloutPlanner.parseUnits(units).size();
        } catch (IllegalArgumentException e) {
            return 0;
        }
    }

    /** While sustaining: whole months since monitoring began; after: as the end recorded it. */
    private static Long monthsSustained(Map<String, Object> v, Set<Stage> stages, Instant now) {
        if (v.get(SUSTAIN_SINCE) == null) {
            return null;
        }
        if (stages.contains(Stage.SUSTAINING)) {
            return SustainClock.months(java.time.LocalDate.parse(v.get(SUSTAIN_SINCE).toString()), now.atZone(java.time.ZoneOffset.UTC).toLocalDate());
        }
        return v.get(SUSTAIN_MONTHS) instanceof Number n ? n.longValue() : null;
    }

    private static String decisionOf(HistoricProcessInstance instance, Map<String, Object> v) {
        if (LearningCycleProcess.END_DECLINED.equals(instance.getEndActivityId())) {
            return "DECLINED";
        }
        return v.get(CYCLE_OUTCOME) == null ? instance.getState() : v.get(CYCLE_OUTCOME).toString();
    }


    private String groupsOf(OpenTask task) {
        Map<String, String> groups = candidateGroups.computeIfAbsent(task.processDefinitionId(), id ->
                repositoryService.getBpmnModelInstance(id).getModelElementsByType(UserTask.class).stream()
                        .filter(u -> u.getCamundaCandidateGroups() != null)
                        .collect(Collectors.toMap(UserTask::getId, UserTask::getCamundaCandidateGroups)));
        return groups.getOrDefault(task.taskKey(), "unassigned");
    }
}
