package org.learninghealth.cycle.identity;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.learninghealth.cycle.identity.directory.DirectoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start (idempotent): the role groups, their grants and Tasklist filters; with demo data on, the demo users
 * {@code lead, manager, irb, irb2, champion, admin, analyst, partner} (password = id). With people from the directory
 * (profile {@code ldap}) only the grants and filters.
 */
@Component
@Order(1)
public class IdentitySetup implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(IdentitySetup.class);

    /** demo user -> group */
    static final Map<String, String> DEMO_USERS = Map.of("lead", Roles.PROJECT_LEADS, "manager", Roles.MANAGERS,
            "irb", Roles.IRB_REVIEWERS, "irb2", Roles.IRB_REVIEWERS, "champion", Roles.UNIT_CHAMPIONS, "admin", Roles.ADMINS,
            "analyst", Roles.DATA_ANALYSTS, "partner", Roles.PATIENT_PARTNERS);

    private static final Map<String, String> GROUP_NAMES = Map.of(Roles.PROJECT_LEADS, "Project leads", Roles.MANAGERS, "Managers",
            Roles.IRB_REVIEWERS, "IRB / oversight reviewers", Roles.UNIT_CHAMPIONS, "Unit champions", Roles.ADMINS, "Camunda administrators",
            Roles.DATA_ANALYSTS, "Data analysts", Roles.PATIENT_PARTNERS, "Patient and family partners");

    private final IdentityService identity;
    private final AuthorizationSetup authorizations;
    private final TasklistFilters filters;
    private final DemoProperties demo;
    private final AdminProperties admin;
    private final RoleMapping roles;

    public IdentitySetup(IdentityService identity, AuthorizationSetup authorizations, TasklistFilters filters, DemoProperties demo,
                         AdminProperties admin, RoleMapping roles) {
        this.roles = roles;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.demo = demo;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (identity.isReadOnly()) {
            setUpWithDirectory();
            return;
        }
        Roles.ALL.forEach(this::ensureGroup);
        ensureGroup(Roles.DATA_ANALYSTS);
        ensureGroup(Roles.PATIENT_PARTNERS);
        authorizations.grantRolePermissions();
        filters.create();
        if (demo.enabled()) {
            DEMO_USERS.forEach(this::ensureDemoUser);
            LOG.warn("Demo users are enabled (password = user id). Set learning-cycle.demo.enabled=false in production.");
        }
        ensureAdministrator();
    }

    /**
     * People and groups come from the directory: nothing is created, the roles' grants and filters are, and the
     * administrator named in the configuration gets every permission.
     */
    private void setUpWithDirectory() {
        if (admin.user() == null || admin.user().isBlank()) {
            throw new IllegalStateException("People come from the directory (profile ldap): name its administrator with LC_ADMIN_USER"
                    + " (learning-cycle.admin.user), the login name of a person in the directory.");
        }
        authorizations.grantRolePermissions();
        authorizations.grantAllToUser(admin.user());
        filters.create();
        if (demo.enabled()) {
            LOG.warn("Demo users are not created when people come from the directory (profile ldap).");
        }
        try {
            if (identity.createUserQuery().userId(admin.user()).count() == 0) {
                throw new IllegalStateException("The administrator " + admin.user() + " (LC_ADMIN_USER) is not in the directory: check the"
                        + " login name and learning-cycle.directory.user-base, -filter and -id-attribute.");
            }
            for (String role : RoleMapping.ROLE_IDS) {
                if (identity.createGroupQuery().groupId(role).count() == 0) {
                    LOG.warn("Nobody has the role {}: its directory group {} was not found (learning-cycle.roles.{},"
                            + " learning-cycle.directory.group-base and -filter)", role, roles.groupOf(role), role);
                }
            }
        } catch (DirectoryUnavailableException e) {
            LOG.error("Starting without the directory, which logins need: {}", e.getMessage());
        }
    }

    /** The first administrator comes from the configuration; a server without any does not start. */
    private void ensureAdministrator() {
        if (identity.createUserQuery().memberOfGroup(Roles.ADMINS).count() > 0) {
            return;
        }
        if (!admin.configured()) {
            throw new IllegalStateException("No administrator exists yet: set LC_ADMIN_USER and LC_ADMIN_PASSWORD"
                    + " (learning-cycle.admin.user / .password) for the first start. Refusing to start without one, so that"
                    + " nobody can claim the administrator account through Camunda's first-run setup page.");
        }
        User user = identity.newUser(admin.user());
        user.setPassword(admin.password());
        user.setFirstName("Administrator");
        identity.saveUser(user);
        identity.createMembership(admin.user(), Roles.ADMINS);
        LOG.info("Created the first administrator {}", admin.user());
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(GROUP_NAMES.get(id));
            group.setType(id.equals(Roles.ADMINS) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
        }
    }

    private void ensureDemoUser(String id, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
            user.setLastName("(demo)");
            user.setEmail(id + "@demo.invalid");
            user.setPassword(id);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
            identity.createMembership(id, group);
        }
    }
}
