package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.identity.TasklistFilters;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.UnitRolloutProcess;

/** Each role can do its own steps and none of the others'. */
class AuthorizationTest extends CycleSteps {

    @Test
    void onlyProjectLeadsStartLearningCycles() {
        assertThat(started("lead")).startsWith("LC-");
        for (String other : List.of("manager", "irb", "champion")) {
            assertThatThrownBy(() -> startProject(other, challenge("Not mine to start"))).as(other).isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void everyRoleSeesOnlyItsOwnTasks() {
        String key = started("lead");
        assertThat(as("lead", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).count())).isZero();
        assertThat(as("irb", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).count())).isZero();
        assertThat(as("champion", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).count())).isZero();
        assertThat(as("manager", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).taskDefinitionKey(LearningCycleProcess.TASK_TRIAGE).count()))
                .isEqualTo(1);
        acceptedWithEvidence(key);
        assertThat(as("lead", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).listPage(0, 50)))
                .extracting(Task::getTaskDefinitionKey).containsExactly(LearningCycleProcess.TASK_PLAN);
        assertThat(as("irb", () -> taskService.createTaskQuery().processInstanceBusinessKey(key).count())).isZero();
    }

    @Test
    void nobodyCompletesAnotherRolesStep() {
        String key = started("lead");
        Task triage = task(key, LearningCycleProcess.TASK_TRIAGE);
        for (String other : List.of("lead", "irb", "champion")) {
            assertThatThrownBy(() -> completeTask(other, triage, Map.of(TRIAGE_DECISION, "ACCEPT"))).as(other).isInstanceOf(AuthorizationException.class);
        }
        acceptedWithEvidence(key);
        Task plan = task(key, LearningCycleProcess.TASK_PLAN);
        for (String other : List.of("manager", "irb", "champion")) {
            assertThatThrownBy(() -> completeTask(other, plan, plan())).as(other).isInstanceOf(AuthorizationException.class);
        }
        planned(key, plan());
        Task review = task(key, OversightReviewProcess.TASK_REVIEW_PLAN);
        for (String other : List.of("lead", "manager", "champion")) {
            assertThatThrownBy(() -> completeTask(other, review, Map.of(OversightReviewProcess.REVIEW_DECISION, "APPROVE"))).as(other)
                    .isInstanceOf(AuthorizationException.class);
        }
        reviewed("irb", key, OversightReviewProcess.TASK_REVIEW_PLAN, "APPROVE", null);
        executeJobs(key);
        Task goLive = tasks(key, UnitRolloutProcess.TASK_CONFIRM_GO_LIVE).get(0);
        for (String other : List.of("lead", "manager", "irb")) {
            assertThatThrownBy(() -> completeTask(other, goLive, Map.of(UnitRolloutProcess.GO_LIVE_DATE, TODAY.toString()))).as(other)
                    .isInstanceOf(AuthorizationException.class);
        }
    }

    @Test
    void managersFollowEverythingReadOnly() {
        String key = started("lead");
        String id = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).singleResult().getId();
        assertThat(as("manager", () -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count())).isEqualTo(1);
        assertThat(as("manager", () -> engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceBusinessKey(key).count())).isEqualTo(1);
        assertThatThrownBy(() -> as("manager", () -> runtimeService.setVariable(id, TITLE, "changed"))).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("manager", () -> runtimeService.deleteProcessInstance(id, "no"))).isInstanceOf(AuthorizationException.class);
        assertThatThrownBy(() -> as("manager", () -> runtimeService.suspendProcessInstanceById(id))).isInstanceOf(AuthorizationException.class);
        assertThat(isAuthorized("manager", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
        assertThat(isAuthorized("lead", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
        assertThat(isAuthorized("irb", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isFalse();
        assertThat(as("lead", () -> runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count())).isZero();
    }

    @Test
    void onlyAdministratorsDeployOrManageUsers() {
        for (String user : List.of("lead", "manager", "irb", "champion")) {
            assertThatThrownBy(() -> as(user, () -> repositoryService().createDeployment()
                    .addModelInstance("x.bpmn", Bpmn.createExecutableProcess("x").camundaHistoryTimeToLive(1).startEvent().endEvent().done()).deploy()))
                    .as(user).isInstanceOf(AuthorizationException.class);
            assertThatThrownBy(() -> as(user, () -> identityService.saveUser(identityService.newUser("intruder")))).as(user)
                    .isInstanceOf(AuthorizationException.class);
        }
        assertThat(isAuthorized("admin", Permissions.ALL, Resources.USER, "*")).isTrue();
        assertThat(isAuthorized("admin", Permissions.ACCESS, Resources.APPLICATION, "cockpit")).isTrue();
    }

    @Test
    void everyRoleSeesItsTasklistFilter() {
        assertThat(filters("lead")).containsExactly(TasklistFilters.MY_TASKS);
        assertThat(filters("manager")).containsExactlyInAnyOrder(TasklistFilters.MY_TASKS, TasklistFilters.TRIAGE_AND_DECISIONS);
        assertThat(filters("irb")).containsExactlyInAnyOrder(TasklistFilters.MY_TASKS, TasklistFilters.OVERSIGHT_REVIEWS);
        assertThat(filters("champion")).containsExactlyInAnyOrder(TasklistFilters.MY_TASKS, TasklistFilters.UNIT_ROLLOUTS);
        String key = started("lead");
        Filter managers = as("manager", () -> engine.getFilterService().createFilterQuery().filterName(TasklistFilters.TRIAGE_AND_DECISIONS).singleResult());
        List<Task> inFilter = as("manager", () -> engine.getFilterService().listPage(managers.getId(), 0, 50));
        assertThat(inFilter).extracting(Task::getName).anyMatch(n -> n.contains(key));
    }

    private List<String> filters(String user) {
        return as(user, () -> engine.getFilterService().createFilterQuery().listPage(0, 50)).stream().map(Filter::getName).toList();
    }

    private org.camunda.bpm.engine.RepositoryService repositoryService() {
        return engine.getRepositoryService();
    }
}
