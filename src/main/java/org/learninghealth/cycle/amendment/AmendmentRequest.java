package org.learninghealth.cycle.amendment;

import static org.learninghealth.cycle.amendment.AmendmentProcess.*;
import static org.learninghealth.cycle.project.CycleVariables.*;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.RolloutPlanner;
import org.learninghealth.cycle.system.JsonVariables;
import org.learninghealth.cycle.system.StartRefusal;
import org.springframework.stereotype.Component;

/**
 * The one check of an amendment, whether Tasklist's start form "Request an amendment", the API or the IRB (after
 * reportable new information) asked for it, and again when the lead describes or revises it: the project's lead (or
 * an administrator) asks, between the approval and the decision, one amendment at a time; units added are new,
 * units removed are on the plan, fields changed are ones an amendment may change, with values a plan would accept.
 * The amendment then holds the amended plan, the pathway its answers lead to ({@code oversight-pathway.dmn} again),
 * the plan version it would make and its changes in words, for the review. A refusal changes nothing.
 */
@Component("amendmentRequest")
public class AmendmentRequest implements ExecutionListener, TaskListener {

    /** Where a project stands between its approval and its decision. */
    static final Set<String> OPEN_FOR_AMENDMENTS = Set.of(LearningCycleProcess.CALL_ROLLOUT, LearningCycleProcess.TIMER_MEASUREMENT,
            LearningCycleProcess.TASK_SUBMIT_MEASUREMENTS, LearningCycleProcess.TASK_EVALUATE, LearningCycleProcess.TASK_RECOMMEND,
            LearningCycleProcess.TASK_INTERPRET, LearningCycleProcess.CALL_PATIENT_INTERPRETATION, LearningCycleProcess.TASK_DECIDE);
    static final int MAX_TEXT = 2000;
    static final int MAX_MEASUREMENT_WEEKS = 104;

    private final RuntimeService runtime;
    private final IdentityService identity;
    private final DecisionService decisions;
    private final ApiCaller caller;
    private final JsonVariables json;

    public AmendmentRequest(RuntimeService runtime, IdentityService identity, DecisionService decisions, ApiCaller caller, JsonVariables json) {
        this.runtime = runtime;
        this.identity = identity;
        this.decisions = decisions;
        this.caller = caller;
        this.json = json;
    }

    /** The units an approved amendment adds, for its rollout (none: the rollout has nothing to do). */
    public List<String> addedUnits(VariableScope scope) {
        String units = (String) scope.getVariable(AMENDMENT_ADD_UNITS);
        return units == null || units.isBlank() ? List.of() : RolloutPlanner.parseUnits(units);
    }

    /** The start of an amendment. */
    @Override
    public void notify(DelegateExecution execution) {
        Authentication user = identity.getCurrentAuthentication();
        String key = text(execution, AMENDMENT_PROJECT);
        if (key == null) {
            throw StartRefusal.badRequest("Name the project to amend: its key, like LC-2026-0001.");
        }
        ProcessInstance project = runningProject(key);
        Map<String, Object> plan = plan(project);
        boolean openedByIrb = execution.getVariable(AMENDMENT_REQUIRED) != null;
        if (user != null && !user.getUserId().equals(plan.get(PROJECT_LEAD)) && !ApiCaller.inAnyGroup(user, List.of(Roles.ADMINS))) {
            throw StartRefusal.forbidden("Only the lead of " + key + " (" + plan.get(PROJECT_LEAD) + ") or an administrator asks for an amendment of it.");
        }
        if (!openedByIrb) {
            List<String> at = caller.asSystem(() -> runtime.getActiveActivityIds(project.getId()));
            if (at.stream().map(a -> a.replace("#multiInstanceBody", "")).noneMatch(OPEN_FOR_AMENDMENTS::contains)) {
                throw StartRefusal.conflict(key + " is not between its approval and its decision (it is at " + at + "): an amendment changes an"
                        + " approved plan while it runs; before the approval revise the plan itself, after the decision start a new cycle.");
            }
        }
        List<ProcessInstance> running = caller.asSystem(() -> runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(key)
                .list()).stream().filter(p -> !p.getId().equals(execution.getProcessInstanceId())).toList();
        if (!running.isEmpty()) {
            throw StartRefusal.conflict("An amendment of " + key + " is already under review: ask for another once it is decided.");
        }
        execution.setProcessBusinessKey(key);
        execution.setVariable(AMENDMENT_PROJECT, key);
        execution.setVariable(AMENDMENT_BY, user == null ? execution.getVariable(AMENDMENT_BY) : user.getUserId());
        execution.setVariable(PATHWAY_BEFORE, plan.get(OVERSIGHT_PATHWAY));
        boolean described = !openedByIrb || text(execution, AMENDMENT_SUMMARY) != null;
        if (described) {
            amend(execution, plan);
        } else {
            execution.setVariables(plan);
        }
        execution.setVariable(AMENDMENT_DESCRIBED, described);
    }

    /** The lead describes (or, after modifications were required, revises) the amendment. */
    @Override
    public void notify(DelegateTask task) {
        String key = (String) task.getVariable(AMENDMENT_PROJECT);
        amend(task.getExecution(), plan(runningProject(key)));
        task.getExecution().setVariable(AMENDMENT_DESCRIBED, true);
    }

    private ProcessInstance runningProject(String key) {
        ProcessInstance project = caller.asSystem(() -> runtime.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(key.trim()).singleResult());
        if (project == null) {
            throw StartRefusal.notFound("No running project " + key.trim() + ": only a project that runs can be amended.");
        }
        return project;
    }

    private Map<String, Object> plan(ProcessInstance project) {
        Map<String, Object> plan = new HashMap<>();
        caller.asSystem(() -> runtime.getVariables(project.getId(), PLAN)).forEach((name, value) -> {
            if (value != null) {
                plan.put(name, value);
            }
        });
        plan.putIfAbsent(PLAN_VERSION, 1);
        return plan;
    }

    /** Checks the amendment against the plan in force and puts the amended plan into the amendment's own variables. */
    private void amend(DelegateExecution amendment, Map<String, Object> plan) {
        List<String> problems = new ArrayList<>();
        String summary = text(amendment, AMENDMENT_SUMMARY);
        if (summary == null || summary.length() > MAX_TEXT) {
            problems.add(summary == null ? "Summarize the amendment: what changes and why (the IRB and the letter read it)."
                    : "Shorten the summary to at most " + MAX_TEXT + " characters.");
        }
        List<String> units = RolloutPlanner.parseUnits((String) plan.get(UNITS));
        List<String> added = units(amendment, AMENDMENT_ADD_UNITS);
        List<String> removed = units(amendment, AMENDMENT_REMOVE_UNITS);
        List<String> already = added.stream().filter(u -> units.stream().anyMatch(u::equalsIgnoreCase)).toList();
        if (!already.isEmpty()) {
            problems.add("The plan already has " + String.join(", ", already) + ": add only new units.");
        }
        List<String> unknown = removed.stream().filter(u -> units.stream().noneMatch(u::equalsIgnoreCase)).toList();
        if (!unknown.isEmpty()) {
            problems.add(String.join(", ", unknown) + " is not on the plan (" + String.join(", ", units) + "): remove only units of the plan.");
        }
        Set<String> remaining = new LinkedHashSet<>();
        units.stream().filter(u -> removed.stream().noneMatch(u::equalsIgnoreCase)).forEach(remaining::add);
        remaining.addAll(added);
        if (remaining.isEmpty()) {
            problems.add("An amendment cannot remove every unit: withdraw the project instead.");
        }
        Map<String, Object> changes = changes(amendment, plan, problems);
        if (problems.isEmpty() && added.isEmpty() && removed.isEmpty() && changes.isEmpty()) {
            problems.add("The amendment changes nothing: name units to add or remove, or a field with its new value ("
                    + String.join(", ", CHANGEABLE) + ").");
        }
        if (!problems.isEmpty()) {
            throw StartRefusal.badRequest("The amendment was not accepted: " + String.join(" ", problems));
        }
        Map<String, Object> amended = new HashMap<>(plan);
        amended.putAll(changes);
        amended.put(UNITS, String.join(", ", remaining));
        Map<String, Object> answers = new HashMap<>();
        for (String answer : AmendmentProcess.ANSWERS) {
            answers.put(answer, Boolean.TRUE.equals(amended.get(answer)));
        }
        String pathway = caller.asSystem(() -> decisions.evaluateDecisionTableByKey("oversight-pathway", answers).getSingleResult().getSingleEntry());
        amended.put(OVERSIGHT_PATHWAY, pathway);
        amended.put(PLAN_VERSION, ((Number) plan.get(PLAN_VERSION)).intValue() + 1);
        List<String> words = new ArrayList<>();
        changes.forEach((field, value) -> words.add(field + ": " + value + " (was " + plan.get(field) + ")"));
        if (!added.isEmpty()) {
            words.add("units added: " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            words.add("units removed: " + String.join(", ", removed));
        }
        if (!Objects.equals(pathway, plan.get(OVERSIGHT_PATHWAY))) {
            words.add("oversight pathway: " + pathway + " (was " + plan.get(OVERSIGHT_PATHWAY) + ")");
        }
        amendment.setVariables(amended);
        amendment.setVariable(AMENDMENT_SUMMARY, summary);
        amendment.setVariable(AMENDMENT_ADD_UNITS, added.isEmpty() ? null : String.join(", ", added));
        amendment.setVariable(AMENDMENT_REMOVE_UNITS, removed.isEmpty() ? null : String.join(", ", removed));
        amendment.setVariable(AMENDMENT_CHANGE_SET, json.write(changes));
        amendment.setVariable(AMENDMENT_CHANGES, String.join("\n", words));
        // the form of a revision shows the changes asked for, however they were asked
        changes.forEach((field, value) -> amendment.setVariable(formField(field), value instanceof Boolean b ? (b ? "yes" : "no") : value));
    }

    /** The changed fields with their new values: from the API's change set, else from the form's fields; unchanged ones left out. */
    private Map<String, Object> changes(DelegateExecution amendment, Map<String, Object> plan, List<String> problems) {
        Map<String, Object> asked = new LinkedHashMap<>();
        Object set = amendment.getVariable(AMENDMENT_CHANGE_SET);
        if (set != null && amendment.getVariable(AMENDMENT_DESCRIBED) == null) {
            Map<String, Object> fromApi;
            try {
                fromApi = json.read(set, new TypeReference<LinkedHashMap<String, Object>>() { });
            } catch (IllegalArgumentException e) {
                problems.add("changes must be an object of field: new value.");
                return Map.of();
            }
            asked.putAll(fromApi == null ? Map.of() : fromApi);
        } else {
            for (String field : CHANGEABLE) {
                Object value = amendment.getVariable(formField(field));
                if (value != null && !value.toString().isBlank()) {
                    asked.put(field, value);
                }
            }
        }
        asked.keySet().stream().filter(field -> !CHANGEABLE.contains(field)).forEach(field ->
                problems.add("An amendment cannot change " + field + "; it may change " + String.join(", ", CHANGEABLE) + ", and the units."));
        // in the plan's order, whatever order they were asked in
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : CHANGEABLE) {
            Object typed = asked.containsKey(field) ? typed(field, asked.get(field), problems) : null;
            if (typed != null && !typed.equals(plan.get(field))) {
                changes.put(field, typed);
            }
        }
        return changes;
    }

    private static Object typed(String field, Object value, List<String> problems) {
        if (AmendmentProcess.ANSWERS.contains(field)) {
            String text = String.valueOf(value).trim().toLowerCase();
            if (List.of("true", "yes").contains(text)) {
                return true;
            }
            if (List.of("false", "no").contains(text)) {
                return false;
            }
            problems.add(field + " is answered yes or no, was '" + value + "'.");
            return null;
        }
        if (field.equals(MEASUREMENT_WEEKS)) {
            try {
                int weeks = value instanceof Number n && n.doubleValue() == n.intValue() ? n.intValue() : Integer.parseInt(String.valueOf(value).trim());
                if (weeks >= 1 && weeks <= MAX_MEASUREMENT_WEEKS) {
                    return weeks;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            problems.add("The measurement period is a whole number of weeks from 1 to " + MAX_MEASUREMENT_WEEKS + ", was '" + value + "'.");
            return null;
        }
        if (field.equals(AIM_TARGET)) {
            try {
                return value instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                problems.add("The aim target is a number (0.15 for 15%), was '" + value + "'.");
                return null;
            }
        }
        String text = String.valueOf(value).trim();
        if (text.length() > MAX_TEXT) {
            problems.add(field + " has " + text.length() + " characters; at most " + MAX_TEXT + ".");
            return null;
        }
        return text;
    }

    private static List<String> units(VariableScope scope, String name) {
        String units = (String) scope.getVariable(name);
        return units == null || units.isBlank() ? List.of() : RolloutPlanner.parseUnits(units);
    }

    private static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
