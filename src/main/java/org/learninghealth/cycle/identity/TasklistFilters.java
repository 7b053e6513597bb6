package org.learninghealth.cycle.identity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.learninghealth.cycle.project.CycleVariables;
import org.springframework.stereotype.Component;

/** One Tasklist filter per role, readable by that role, with the project's key, title and cycle as columns. */
@Component
public class TasklistFilters {

    public static final String MY_TASKS = "My project tasks";
    /** Tasklist lists filters by priority, lowest first, and opens the first. */
    static final int ROLE_FIRST = -20;
    public static final String TRIAGE_AND_DECISIONS = "Triage and decisions";
    public static final String OVERSIGHT_REVIEWS = "Oversight reviews";
    public static final String UNIT_ROLLOUTS = "Unit rollouts";
    public static final String PATIENT_AND_FAMILY_REVIEW = "Patient and family review";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationSetup authorizations;

    public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationSetup authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    public void create() {
        ensure(MY_TASKS, "Tasks assigned to me", -10, tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}").orderByDueDate().asc(),
                List.of(Roles.PROJECT_LEADS, Roles.MANAGERS, Roles.IRB_REVIEWERS, Roles.UNIT_CHAMPIONS));
        // a role's own filter comes before "My project tasks", so Tasklist opens it at login: a manager lands on the triage
        // and decisions, not on an empty list of own tasks (its tasks include the ones a manager has claimed)
        ensure(TRIAGE_AND_DECISIONS, "Challenges to triage and adoption decisions", ROLE_FIRST, candidate(Roles.MANAGERS), List.of(Roles.MANAGERS));
        ensure(OVERSIGHT_REVIEWS, "IRB / QI oversight reviews and safety events", ROLE_FIRST, candidate(Roles.IRB_REVIEWERS), List.of(Roles.IRB_REVIEWERS));
        ensure(UNIT_ROLLOUTS, "Go-live confirmations on clinical units", ROLE_FIRST, candidate(Roles.UNIT_CHAMPIONS), List.of(Roles.UNIT_CHAMPIONS));
        ensure(PATIENT_AND_FAMILY_REVIEW, "Changes patients will notice, and what results mean for patients", ROLE_FIRST,
                candidate(Roles.PATIENT_PARTNERS), List.of(Roles.PATIENT_PARTNERS));
    }

    private TaskQuery candidate(String group) {
        return tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks().orderByDueDate().asc();
    }

    private void ensure(String name, String description, int priority, TaskQuery query, List<String> groups) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties(description, priority));
            filters.saveFilter(filter);
        } else if (!properties(description, priority).equals(filter.getProperties())) {
            filters.saveFilter(filter.setProperties(properties(description, priority)));
        }
        for (String group : groups) {
            authorizations.grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }

    private static Map<String, Object> properties(String description, int priority) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("description", description);
        properties.put("priority", priority);
        // no auto-refresh: refreshing the list re-renders the open task's form and can empty what a person is typing
        properties.put("refresh", false);
        properties.put("showUndefinedVariable", false);
        properties.put("variables", List.of(
                Map.of("name", CycleVariables.PROJECT_KEY, "label", "Project"),
                Map.of("name", CycleVariables.TITLE, "label", "Title"),
                Map.of("name", CycleVariables.CYCLE_NUMBER, "label", "Cycle"),
                Map.of("name", CycleVariables.UNIT, "label", "Unit"),
                Map.of("name", CycleVariables.OVERSIGHT_PATHWAY, "label", "Pathway")));
        return properties;
    }
}
