package org.learninghealth.cycle.identity;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.amendment.AmendmentProcess;
import org.learninghealth.cycle.rollout.SpreadUnits;
import org.springframework.stereotype.Component;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

/**
 * Least-privilege grants per role. Work on tasks needs no grant here: Camunda grants TASK_WORK on a task to its
 * assignee and candidate groups when the task is created, so a lead works their own tasks and reviewers the
 * oversight tasks offered to them, and nothing else.
 */
@Component
public class AuthorizationSetup {

    private final AuthorizationService authorizations;

    public AuthorizationSetup(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void grantRolePermissions() {
        for (String group : Roles.ALL) {
            if (!group.equals(Roles.ADMINS)) {
                grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            }
        }
        // data analysts log in through Tasklist (they have no tasks and no filters) to reach the upload page
        grant(Roles.DATA_ANALYSTS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // patient and family partners work their own reviews in Tasklist; no other grant (their tasks' TASK_WORK comes with the task)
        grant(Roles.PATIENT_PARTNERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        // a lead starts learning cycles from Tasklist
        grant(Roles.PROJECT_LEADS, Resources.PROCESS_DEFINITION, LearningCycleProcess.KEY,
                ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Roles.PROJECT_LEADS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // leads ask for amendments of their approved plans, from Tasklist's start form or the API
        grant(Roles.PROJECT_LEADS, Resources.PROCESS_DEFINITION, AmendmentProcess.KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        // managers spread adopted changes to more units, from Tasklist's start form or the API
        grant(Roles.MANAGERS, Resources.PROCESS_DEFINITION, SpreadUnits.PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        grant(Roles.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
        // managers follow everything read-only in Cockpit
        grant(Roles.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(Roles.MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK);
        grant(Roles.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(Roles.MANAGERS, Resources.TASK, ANY, Permissions.READ);
        grant(Roles.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
        grant(Roles.MANAGERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
        grant(Roles.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        // administrators: everything
        for (Resources resource : Resources.values()) {
            grantAll(Roles.ADMINS, resource);
        }
    }

    /** Adds the permissions to the group's grant on the resource, creating the grant if needed. */
    public void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = find(group, resource, resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    /** Every permission on everything to one person: the administrator named in the configuration (directory accounts). */
    public void grantAllToUser(String user) {
        for (Resources resource : Resources.values()) {
            Authorization authorization = authorizations.createAuthorizationQuery().userIdIn(user).resourceType(resource).resourceId(ANY)
                    .authorizationType(Authorization.AUTH_TYPE_GRANT).list().stream().findFirst().orElseGet(() -> {
                        Authorization created = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
                        created.setUserId(user);
                        created.setResource(resource);
                        created.setResourceId(ANY);
                        return created;
                    });
            authorization.addPermission(Permissions.ALL);
            authorizations.saveAuthorization(authorization);
        }
    }

    private void grantAll(String group, Resource resource) {
        Authorization authorization = find(group, resource, ANY);
        authorization.addPermission(Permissions.ALL);
        authorizations.saveAuthorization(authorization);
    }

    private Authorization find(String group, Resource resource, String resourceId) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group).resourceType(resource).resourceId(resourceId)
                .authorizationType(Authorization.AUTH_TYPE_GRANT).list().stream().findFirst().orElse(null);
        if (existing != null) {
            return existing;
        }
        Authorization created = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        created.setGroupId(group);
        created.setResource(resource);
        created.setResourceId(resourceId);
        return created;
    }
}
