package org.learninghealth.cycle.identity.directory;

import java.util.Set;

/** What the app reads of a person or a group in the directory. */
public final class DirectoryEntry {

    private DirectoryEntry() {
    }

    /** A person: login name, names, mail and the DNs of their groups (only when the directory keeps memberOf). */
    public record Person(String dn, String id, String firstName, String lastName, String email) {
    }

    /** A group: its id (what {@code learning-cycle.roles.*} names), display name and its members' DNs. */
    public record Team(String dn, String id, String name, Set<String> memberDns) {
    }
}
