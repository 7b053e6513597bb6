package org.learninghealth.cycle.identity;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real LDAP server in the test's JVM (UnboundID's in-memory directory), loaded from an LDIF shaped like Active
 * Directory or like OpenLDAP, with a service account and the hospital's names of the roles' groups. People can be
 * added, moved between groups, and the server stopped and started again on the same port. As a JUnit extension
 * ({@code @RegisterExtension static}) it listens while the test class runs (again for a failed test's second run).
 */
public final class TestDirectory implements BeforeAllCallback, AfterAllCallback {

    public static final String BASE = "dc=hospital,dc=example";
    public static final String SERVICE_ACCOUNT = "cn=svc-learning-cycle,ou=Service Accounts," + BASE;
    public static final String SERVICE_PASSWORD = "service-secret";

    private final InMemoryDirectoryServer server;
    private final Shape shape;
    private final Map<String, String> roleGroups;
    private int port;
    private boolean running;

    /** How the directory's entries look: the LDIF, and where and how people and groups are kept. */
    public enum Shape {
        ACTIVE_DIRECTORY("directory/active-directory.ldif", "ou=Staff", "sAMAccountName", "ou=Groups", "group"),
        OPENLDAP("directory/openldap.ldif", "ou=people", "uid", "ou=groups", "groupOfNames");

        final String ldif;
        final String people;
        final String idAttribute;
        final String groups;
        final String groupClass;

        Shape(String ldif, String people, String idAttribute, String groups, String groupClass) {
            this.ldif = ldif;
            this.people = people;
            this.idAttribute = idAttribute;
            this.groups = groups;
            this.groupClass = groupClass;
        }
    }

    /** @param roleGroups role id → the directory's name of its group (as in the LDIF) */
    public TestDirectory(Shape shape, Map<String, String> roleGroups) {
        this.shape = shape;
        this.roleGroups = Map.copyOf(roleGroups);
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
            config.setSchema(null); // Active Directory's object classes are not in the standard schema
            config.addAdditionalBindCredentials(SERVICE_ACCOUNT, SERVICE_PASSWORD);
            // a fixed port, so that the directory comes back where the app looks for it
            try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
                port = free.getLocalPort();
            }
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", port));
            server = new InMemoryDirectoryServer(config);
            try (InputStream ldif = TestDirectory.class.getClassLoader().getResourceAsStream(shape.ldif)) {
                server.importFromLDIF(true, new com.unboundid.ldif.LDIFReader(ldif));
            }
            server.startListening();
            running = true;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the test directory", e);
        }
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    /** Points the app at this directory, with the roles mapped to the directory's group names. */
    public void register(DynamicPropertyRegistry registry) {
        Map.of("spring.ldap.urls", url(), "spring.ldap.base", BASE, "spring.ldap.username", SERVICE_ACCOUNT,
                "spring.ldap.password", SERVICE_PASSWORD).forEach((key, value) -> registry.add(key, () -> value));
        roleGroups.forEach((role, group) -> registry.add("learning-cycle.roles." + role, () -> group));
    }

    /** Adds a person (password = id) in the groups of these roles, unless the app already knows them. */
    public void ensurePerson(IdentityService identity, String id, String... roles) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            addPerson(id, Arrays.stream(roles).map(role -> roleGroups.getOrDefault(role, role)).toArray(String[]::new));
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Adds a person (password = id) to the groups, by their names in the directory. */
    public void addPerson(String id, String... groups) {
        String dn = shape == Shape.OPENLDAP ? "uid=" + id + "," + shape.people + "," + BASE : "cn=" + id + "," + shape.people + "," + BASE;
        try {
            if (server.getEntry(dn) == null) {
                server.add("dn: " + dn, "objectClass: top", "objectClass: " + (shape == Shape.OPENLDAP ? "inetOrgPerson" : "user"),
                        shape.idAttribute + ": " + id, "cn: " + id, "sn: " + id, "mail: " + id + "@hospital.example", "userPassword: " + id);
            }
            for (String group : groups) {
                addMember(group, id);
            }
        } catch (LDAPException | com.unboundid.ldif.LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    public void addMember(String group, String id) {
        change(group, id, ModificationType.ADD);
    }

    public void removeMember(String group, String id) {
        change(group, id, ModificationType.DELETE);
    }

    /** Changes a membership as the directory would: the group's member and, in Active Directory, the person's memberOf. */
    private void change(String group, String id, ModificationType type) {
        try {
            String person = dnOf(shape.people, "(" + shape.idAttribute + "=" + id + ")");
            String team = dnOf(shape.groups, "(&(objectClass=" + shape.groupClass + ")(cn=" + group + "))");
            server.modify(team, new Modification(type, "member", person));
            if (shape == Shape.ACTIVE_DIRECTORY) {
                server.modify(person, new Modification(type, "memberOf", team));
            }
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private String dnOf(String under, String filter) throws LDAPException {
        SearchResultEntry entry = server.searchForEntry(under + "," + BASE, SearchScope.SUB, filter);
        if (entry == null) {
            throw new IllegalArgumentException("No " + filter + " under " + under);
        }
        return entry.getDN();
    }

    /** The directory goes down: connections are refused until {@link #start()}. */
    public void stop() {
        server.shutDown(true);
        running = false;
    }

    /** The directory is back, on the same port. */
    public void start() {
        if (running) {
            return;
        }
        try {
            server.startListening();
            running = true;
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }


}
