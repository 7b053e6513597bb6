package org.learninghealth.cycle.identity;

import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At every start (idempotent): the role groups, their grants and Tasklist filters; with demo data on, the demo users
 * {@code lead, manager, irb, irb2, champion, admin, analyst, partner} (password = id).
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

    public IdentitySetup(IdentityService identity, AuthorizationSetup authorizations, TasklistFilters filters, DemoProperties demo,
                         AdminProperties admin) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.demo = demo;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
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
