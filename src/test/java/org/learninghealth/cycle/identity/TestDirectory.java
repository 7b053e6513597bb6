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
import java.util.Map;

/**
 * A real LDAP server in the test's JVM (UnboundID's in-memory directory), loaded from an LDIF shaped like Active
 * Directory or like OpenLDAP, with a service account. People can be added, moved between groups, and the server
 * stopped and started again on the same port.
 */
public final class TestDirectory {

    public static final String BASE = "dc=hospital,dc=example";
    public static final String SERVICE_ACCOUNT = "cn=svc-learning-cycle,ou=Service Accounts," + BASE;
    public static final String SERVICE_PASSWORD = "service-secret";

    private final InMemoryDirectoryServer server;
    private final Shape shape;
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

    public TestDirectory(Shape shape) {
        this.shape = shape;
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

    /** The Spring properties that point the app at this directory, the roles mapped to the directory's group names. */
    public Map<String, String> properties() {
        return Map.of("spring.ldap.urls", url(), "spring.ldap.base", BASE, "spring.ldap.username", SERVICE_ACCOUNT,
                "spring.ldap.password", SERVICE_PASSWORD);
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
