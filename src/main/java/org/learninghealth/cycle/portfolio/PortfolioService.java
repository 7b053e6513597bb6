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
import org.camunda.bpm.engine.RepositoryService;
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

    private final RepositoryService repositoryService;
    private final ApiCaller caller;
    private final JdbcTemplate jdbc;
    private final SpreadUnits spreadUnits;
    private final ApprovalPeriods approvalPeriods;
    /** Candidate groups of each user task, per process definition (models do not change once deployed). */
    private final Map<String, Map<String, String>> candidateGroups = new ConcurrentHashMap<>();

    public PortfolioService(RepositoryService repositoryService, ApiCaller caller,
                            JdbcTemplate jdbc, SpreadUnits spreadUnits, ApprovalPeriods approvalPeriods) {
        this.jdbc = jdbc;
        this.approvalPeriods = approvalPeriods;
        this.spreadUnits = spreadUnits;
        this.repositoryService = repositoryService;
        this.caller = caller;
    }

    /** Who sees what: managers and administrators everything, leads their own projects, others nothing. */
    String scope() {
        Authentication user = caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS, Roles.PROJECT_LEADS),
                "The portfolio is for managers, administrators and project leads (who see their own projects).");
        return ApiCaller.inAnyGroup(user, List.of(Roles.MANAGERS, Roles.ADMINS)) ? null : user.getUserId();
    }

    /** Every project the caller may see that matches the filter, in its order (the CSV export). */
    public List<ProjectRow> projects(PortfolioFilter filter) {
        return projects(filter, 0, Integer.MAX_VALUE).rows();
    }

    /** One page of the projects the caller may see that match the filter, and how many match. */
    public record Page(List<ProjectRow> rows, int total) {
    }

    /**
     * A page ({@code offset}, at most {@code limit} rows) of the matching projects. The projects are first filtered and
     * sorted on what the filter needs (the instances, open tasks and activities, and only the variables the filter or
     * sort reads); the page's rows are then built in full, so a manager's page costs the same after ten years of
     * ended projects as in the first.
     */
    public Page projects(PortfolioFilter filter, int offset, int limit) {
        String onlyLead = scope();
        return caller.asSystem(() -> page(onlyLead, filter, offset, limit));
    }

    private Page page(String onlyLead, PortfolioFilter filter, int offset, int limit) {
        Context context = context(onlyLead, filter.status());
        Map<String, Map<String, Object>> light = filter.variablesRead().isEmpty() ? Map.of()
                : projectVariables(context.instances(), filter.variablesRead());
        Map<String, Instance> byId = new HashMap<>();
        context.instances().forEach(instance -> byId.put(instance.id(), instance));
        List<ProjectRow> matching = context.instances().stream().map(instance -> row(instance, light.getOrDefault(instance.id(), Map.of()), context))
                .filter(filter::matches).sorted(filter.order()).toList();
        List<Instance> page = matching.subList(Math.min(offset, matching.size()), (int) Math.min((long) offset + limit, matching.size())).stream()
                .map(row -> byId.get(row.processInstanceId())).toList();
        Map<String, Map<String, Object>> variables = projectVariables(page, VARIABLES);
        List<ProjectRow> rows = page.stream().map(instance -> row(instance, variables.getOrDefault(instance.id(), Map.of()), context)).toList();
        return new Page(rows, matching.size());
    }

    /** A learning cycle's process instance as the page needs it (read from Camunda's documented history table). */
    record Instance(String id, String businessKey, Instant started, Instant ended, String startUser, String endActivity, String state) {
    }

    /** What every row is built from besides its variables: the open work of all projects, read once. */
    private record Context(List<Instance> instances, Map<String, List<OpenTask>> tasks, Map<String, List<OpenActivity>> open,
                           Map<String, Set<Stage>> afterCycle, Map<String, SpreadUnits.Coverage> coverage,
                           Map<String, ProjectRow.IrbApproval> approvals, Instant now) {
    }

    private Context context(String onlyLead, String status) {
        // what keeps a project open after its cycle ended: a spread under way, the closure with the IRB
        Map<String, Set<Stage>> afterCycle = new HashMap<>();
        jdbc.query("select BUSINESS_KEY_, PROC_DEF_ID_ from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_ and (PROC_DEF_ID_ like ? or PROC_DEF_ID_ like ?)",
                rs -> {
                    afterCycle.computeIfAbsent(rs.getString(1), k -> new TreeSet<>())
                            .add(rs.getString(2).startsWith(SpreadProcess.KEY + ":") ? Stage.SPREAD : Stage.CLOSURE);
                }, SpreadProcess.KEY + ":%", ClosureProcess.KEY + ":%");
        List<Instance> instances = instances(onlyLead, status, afterCycle.keySet());
        Set<String> ids = instances.stream().map(Instance::id).collect(Collectors.toSet());
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
        // the approvals under continuing review
        java.time.LocalDate today = SustainClock.today();
        Map<String, ProjectRow.IrbApproval> approvals = new HashMap<>();
        approvalPeriods.open().forEach(p -> approvals.put(p.projectKey(), new ProjectRow.IrbApproval(p.reviewDue(), p.expires(), p.lapsed(today))));
        return new Context(instances, tasks, open, afterCycle, spreadUnits.coverage(), approvals, ClockUtil.getCurrentTime().toInstant());
    }

    /** The learning cycles of the status asked for: running ones and those a spread or closure keeps open; ended ones; or all. */
    private List<Instance> instances(String onlyLead, String status, Set<String> keptOpen) {
        StringBuilder sql = new StringBuilder("select ID_, BUSINESS_KEY_, START_TIME_, END_TIME_, START_USER_ID_, END_ACT_ID_, STATE_ from ACT_HI_PROCINST"
                + " where PROC_DEF_KEY_ = ?");
        List<Object> arguments = new ArrayList<>(List.of(LearningCycleProcess.KEY));
        if (onlyLead != null) {
            sql.append(" and START_USER_ID_ = ?");
            arguments.add(onlyLead);
        }
        if (status.equals("ended")) {
            sql.append(" and END_TIME_ is not null");
        } else if (status.equals("open")) {
            sql.append(" and (END_TIME_ is null");
            for (List<String> keys : chunks(List.copyOf(keptOpen))) {
                sql.append(" or BUSINESS_KEY_ in (").append(String.join(",", java.util.Collections.nCopies(keys.size(), "?"))).append(')');
                arguments.addAll(keys);
            }
            sql.append(')');
        }
        return jdbc.query(sql.toString(), (rs, i) -> new Instance(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getString(7)), arguments.toArray());
    }

    private static <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += CHUNK) {
            chunks.add(values.subList(i, Math.min(values.size(), i + CHUNK)));
        }
        return chunks;
    }

    /** Ids per IN list: every database takes a thousand. */
    static final int CHUNK = 1000;

    /**
     * The named project-level variables of the given learning cycles, read straight from Camunda's history table: the
     * variable query would map every value through Camunda's serializers, which costs more than the rest of the page
     * together on a large portfolio. The table is part of Camunda's documented schema; only plain values are read.
     * A few instances are looked up by id, many by the process key (one indexed scan instead of many lists).
     */
    private Map<String, Map<String, Object>> projectVariables(List<Instance> instances, List<String> names) {
        Map<String, Map<String, Object>> variables = new HashMap<>();
        if (instances.isEmpty()) {
            return variables;
        }
        String select = "select PROC_INST_ID_, NAME_, VAR_TYPE_, TEXT_, LONG_, DOUBLE_ from ACT_HI_VARINST where NAME_ in ("
                + String.join(",", java.util.Collections.nCopies(names.size(), "?")) + ") and EXECUTION_ID_ = PROC_INST_ID_ and STATE_ = 'CREATED' and ";
        Set<String> ids = instances.stream().map(Instance::id).collect(Collectors.toSet());
        org.springframework.jdbc.core.RowCallbackHandler read = rs -> {
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
        };
        if (ids.size() > 2 * CHUNK) {
            List<Object> arguments = new ArrayList<>(names);
            arguments.add(LearningCycleProcess.KEY);
            jdbc.query(select + "PROC_DEF_KEY_ = ?", read, arguments.toArray());
        } else {
            for (List<String> chunk : chunks(List.copyOf(ids))) {
                List<Object> arguments = new ArrayList<>(names);
                arguments.addAll(chunk);
                jdbc.query(select + "PROC_INST_ID_ in (" + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")", read, arguments.toArray());
            }
        }
        return variables;
    }

    /** An open task as the page needs it. */
    record OpenTask(String assignee, Instant due, String taskKey, String processDefinitionId) {
    }

    /** An activity a project is in now. */
    record OpenActivity(String activityId, String type, Instant start) {
    }

    private ProjectRow row(Instance instance, Map<String, Object> v, Context context) {
        List<OpenTask> tasks = context.tasks().getOrDefault(instance.businessKey(), List.of());
        List<OpenActivity> open = context.open().getOrDefault(instance.id(), List.of());
        Instant now = context.now();
        Set<Stage> afterCycle = context.afterCycle().getOrDefault(instance.businessKey(), Set.of());
        SpreadUnits.Coverage coverage = context.coverage().get(instance.businessKey());
        ProjectRow.IrbApproval approval = context.approvals().get(instance.businessKey());
        // a spread of the adopted change, or the closure with the IRB, keeps the project open after its cycle ended
        boolean ended = instance.ended() != null && afterCycle.isEmpty();
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
        String decision = instance.ended() != null ? decisionOf(instance, v)
                : stages.contains(Stage.SUSTAINING) || spreading ? (String) v.get(CYCLE_OUTCOME) : null;
        Integer planned = coverage == null ? null : unitCount((String) v.get(UNITS)) + coverage.spreadUnits();
        Long toLastUnit = coverage == null || coverage.adoptedAt() == null || coverage.lastLive() == null || coverage.live() < planned ? null
                : java.time.temporal.ChronoUnit.DAYS.between(coverage.adoptedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate(), coverage.lastLive());
        return new ProjectRow(instance.businessKey(), (String) v.get(TITLE), (String) v.getOrDefault(PROJECT_LEAD, instance.startUser()),
                (String) v.get(UNITS), ended ? "ended" : "open", ended ? List.of() : stages.stream().map(Stage::label).toList(),
                ended ? null : since, ended || since == null ? null : Duration.between(since, now).toDays(), List.copyOf(waitingOn),
                ended ? null : due, !ended && due != null && due.isBefore(now), (String) v.get(OVERSIGHT_PATHWAY),
                v.get(CYCLE_NUMBER) instanceof Number n ? n.intValue() : null, VariableText.firstLine(v.get(EVALUATION_SUMMARY)),
                (String) v.get(RECOMMENDATION), decision, instance.started(),
                ended ? instance.ended() : null, instance.id(),
                ended ? null : "/camunda/app/cockpit/default/#/process-instance/" + instance.id() + "/runtime",
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

    private static String decisionOf(Instance instance, Map<String, Object> v) {
        if (LearningCycleProcess.END_DECLINED.equals(instance.endActivity())) {
            return "DECLINED";
        }
        return v.get(CYCLE_OUTCOME) == null ? instance.state() : v.get(CYCLE_OUTCOME).toString();
    }


    private String groupsOf(OpenTask task) {
        Map<String, String> groups = candidateGroups.computeIfAbsent(task.processDefinitionId(), id ->
                repositoryService.getBpmnModelInstance(id).getModelElementsByType(UserTask.class).stream()
                        .filter(u -> u.getCamundaCandidateGroups() != null)
                        .collect(Collectors.toMap(UserTask::getId, UserTask::getCamundaCandidateGroups)));
        return groups.getOrDefault(task.taskKey(), "unassigned");
    }
}
