package org.learninghealth.cycle;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Drives learning cycles through the Java API as the demo users, with authorization on: every completion runs as
 * the person who would click "Complete" in Tasklist. Jobs run explicitly; time moves with {@link ClockUtil}.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext // one Camunda engine per JVM: close this class's context before the next class starts its own
public abstract class CycleTestSupport {

    public static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @Autowired protected ProcessEngine engine;
    @Autowired protected RuntimeService runtimeService;
    @Autowired protected TaskService taskService;
    @Autowired protected ManagementService managementService;
    @Autowired protected IdentityService identityService;
    @Autowired protected ApiCaller caller;

    @BeforeEach
    void setClock() {
        BpmnAwareTests.init(engine);
        ensureUser("managerlead", "project-leads", "managers");
        ensureUser("irblead", "project-leads", "irb-reviewers");
        ClockUtil.setCurrentTime(date(TODAY));
    }

    @AfterEach
    void resetClock() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    /** A person in two roles, to show separation of duties. */
    protected void ensureUser(String id, String... groups) {
        if (identityService.createUserQuery().userId(id).count() == 0) {
            var user = identityService.newUser(id);
            user.setPassword(id);
            identityService.saveUser(user);
            for (String group : groups) {
                identityService.createMembership(id, group);
            }
        }
    }

    protected static Date date(LocalDate day) {
        return Date.from(day.atTime(9, 0).atZone(ZoneId.systemDefault()).toInstant());
    }

    protected void moveClock(Duration by) {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + by.toMillis()));
    }

    /** Runs the call as the given user with their groups, as Tasklist and the REST API do. */
    protected <T> T as(String user, Supplier<T> call) {
        return caller.as(user, call);
    }

    protected void as(String user, Runnable call) {
        as(user, () -> {
            call.run();
            return null;
        });
    }

    public static Map<String, Object> challenge(String title) {
        Map<String, Object> v = new HashMap<>();
        v.put(TITLE, title);
        v.put(PROBLEM, "Inpatient falls with injury rose on the medical wards, mostly at night.");
        v.put(UNITS, "4 West, 5 East");
        v.put(MEASURE_NAME, "Proportion of patient-days with a fall");
        v.put(MEASURE_TYPE, "proportion");
        v.put(IMPROVEMENT_DIRECTION, "decrease");
        v.put(MEASURE_DEFINITION, "Falls / patient-days per week");
        return v;
    }

    public static Map<String, Object> plan() {
        Map<String, Object> v = new HashMap<>();
        v.put(AIM, "Halve falls on both units within 12 weeks");
        v.put(AIM_TARGET, 0.10);
        v.put(CHANGE_IDEA, "Hourly rounding by nurses and aides");
        v.put(BALANCING_MEASURE, "Nurse overtime hours");
        v.put(UNITS, "4 West, 5 East");
        v.put(MEASUREMENT_WEEKS, 12);
        for (String question : List.of(INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES,
                GENERALIZABLE_KNOWLEDGE, FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, INTENDS_TO_PUBLISH)) {
            v.put(question, false);
        }
        v.put(AIMS_LOCAL_IMPROVEMENT, true);
        return v;
    }

    /** {@link #plan()} for a change patients will notice, with its summary in plain words. */
    public static Map<String, Object> patientFacingPlan() {
        Map<String, Object> v = plan();
        v.put(PATIENT_FACING, true);
        v.put(PLAIN_SUMMARY, "A nurse or an aide will look in on you every hour, day and night, and help you to the toilet, so that you do not fall.");
        return v;
    }

    /** Whether Camunda's authorizations let the user (with their groups) do this to the resource. */
    protected boolean isAuthorized(String user, org.camunda.bpm.engine.authorization.Permission permission,
            org.camunda.bpm.engine.authorization.Resource resource, String resourceId) {
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        return engine.getAuthorizationService().isUserAuthorized(user, groups, permission, resource, resourceId);
    }

    /** Values as Camunda's REST API takes them ({@code {"name": {"value": ...}}}). */
    public static Map<String, Object> typed(Map<String, Object> values) {
        Map<String, Object> typed = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> typed.put(k, Map.of("value", v)));
        return typed;
    }

    /** The body of a REST form submission or start: {@code {"variables": typed values}}. */
    public static Map<String, Object> variables(Map<String, Object> values) {
        return Map.of("variables", typed(values));
    }

    /** What the learning cycle hands to the processes it calls, for starting those on their own. */
    protected static Map<String, Object> calledProcessVariables(String projectKey) {
        Map<String, Object> v = new HashMap<>();
        v.put(PROJECT_KEY, projectKey);
        v.put(PROJECT_LEAD, "lead");
        v.put(TITLE, "Falls");
        v.put(CYCLE_NUMBER, 1);
        return v;
    }

    /** Starts a project as {@code lead} (the initiator) and returns it. */
    protected ProcessInstance startProject(String lead, Map<String, Object> challenge) {
        return as(lead, () -> runtimeService.startProcessInstanceByKey(LearningCycleProcess.KEY, challenge));
    }

    protected ProcessInstance reload(ProcessInstance instance) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(instance.getId()).singleResult();
    }

    /** The open task of the project (its own or a called process's) at the given element. */
    protected Task task(String projectKey, String taskKey) {
        List<Task> tasks = tasks(projectKey, taskKey);
        if (tasks.size() != 1) {
            throw new AssertionError("Expected one open task " + taskKey + " of " + projectKey + " but found " + tasks.size()
                    + "; open: " + taskService.createTaskQuery().processInstanceBusinessKey(projectKey).list().stream()
                    .map(Task::getTaskDefinitionKey).toList() + "; activities so far: " + history(projectKey));
        }
        return tasks.get(0);
    }

    protected List<Task> tasks(String projectKey, String taskKey) {
        return taskService.createTaskQuery().processInstanceBusinessKey(projectKey).taskDefinitionKey(taskKey).list();
    }

    /** Claims (when offered to a group) and completes the task as {@code user}. */
    protected void complete(String user, String projectKey, String taskKey, Map<String, Object> variables) {
        completeTask(user, task(projectKey, taskKey), variables);
    }

    protected void completeTask(String user, Task task, Map<String, Object> variables) {
        as(user, () -> {
            if (task.getAssignee() == null) {
                taskService.claim(task.getId(), user);
            }
            taskService.complete(task.getId(), variables);
        });
    }

    /** Runs the step that issues a decided review's letter (asynchronous), and nothing else. */
    protected void lettersIssued(String projectKey) {
        for (ProcessInstance review : runtimeService.createProcessInstanceQuery().processDefinitionKey(org.learninghealth.cycle.oversight.OversightReviewProcess.KEY)
                .processInstanceBusinessKey(projectKey).list()) {
            managementService.createJobQuery().processInstanceId(review.getId()).activityId(org.learninghealth.cycle.oversight.OversightReviewProcess.TASK_ISSUE_LETTER).list()
                    .forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    /** Executes every due job of the project and of the processes it called, until none is left. */
    protected int executeJobs(String projectKey) {
        int executed = 0;
        for (int round = 0; round < 100; round++) {
            Set<String> instances = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(projectKey).list().stream()
                    .map(ProcessInstance::getId).collect(Collectors.toSet());
            List<Job> due = new ArrayList<>();
            for (String instance : instances) {
                due.addAll(managementService.createJobQuery().processInstanceId(instance).executable().list());
            }
            if (due.isEmpty()) {
                return executed;
            }
            managementService.executeJob(due.get(0).getId());
            executed++;
        }
        throw new AssertionError("Jobs of " + projectKey + " keep coming");
    }

    /** The activities the project went through, for failure messages. */
    protected List<String> history(String projectKey) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(projectKey).list().stream()
                .flatMap(p -> engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(p.getId())
                        .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream())
                .map(a -> a.getActivityId() + (a.getEndTime() == null ? "*" : "")).toList();
    }

    protected String projectKey(ProcessInstance instance) {
        return reload(instance).getBusinessKey();
    }
}
