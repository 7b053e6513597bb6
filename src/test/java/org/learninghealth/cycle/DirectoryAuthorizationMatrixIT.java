package org.learninghealth.cycle;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.learninghealth.cycle.identity.TestDirectory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The authorization matrix, every row, with people and groups from a directory shaped like Active Directory
 * (profile {@code ldap}): {@code sAMAccountName} logins, {@code memberOf}, and the hospital's own group names mapped to
 * the roles. Only creating people and changing memberships differ: the directory is read-only to the app, so
 * nobody may (they are done in the directory).
 */
@ActiveProfiles({"test", "ldap"})
class DirectoryAuthorizationMatrixIT extends AuthorizationMatrixIT {

    /** The roles as this hospital's Active Directory names their groups (src/test/resources/directory/active-directory.ldif). */
    @RegisterExtension
    static final TestDirectory DIRECTORY = new TestDirectory(TestDirectory.Shape.ACTIVE_DIRECTORY, Map.of("project-leads",
            "LHS-QI-Project-Leads", "managers", "LHS-Quality-Managers", "irb-reviewers", "LHS-IRB-Reviewers", "unit-champions",
            "LHS-Unit-Champions", "camunda-admin", "LHS-Learning-Cycle-Admins", "data-analysts", "LHS-Clinical-Analytics",
            "patient-partners", "LHS-PFAC-Advisors"));

    @DynamicPropertySource
    static void activeDirectory(DynamicPropertyRegistry registry) {
        DIRECTORY.register(registry);
        registry.add("learning-cycle.directory.user-base", () -> "ou=Staff");
        registry.add("learning-cycle.directory.user-filter", () -> "(&(objectClass=user)(!(objectClass=computer)))");
        registry.add("learning-cycle.directory.user-id-attribute", () -> "sAMAccountName");
        registry.add("learning-cycle.directory.member-of-attribute", () -> "memberOf");
        registry.add("learning-cycle.directory.group-base", () -> "ou=Groups");
        registry.add("learning-cycle.directory.group-filter", () -> "(&(objectClass=group)(cn=LHS-*))");
        registry.add("learning-cycle.admin.user", () -> "admin");
    }

    @Override
    protected Set<String> identityWriters() {
        return Set.of();
    }

    /** People the test needs are added to the directory, as IT would. */
    @Override
    protected void ensureUser(String id, String... groups) {
        DIRECTORY.ensurePerson(identityService, id, groups);
    }
}
