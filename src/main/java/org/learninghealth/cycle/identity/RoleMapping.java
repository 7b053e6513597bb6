package org.learninghealth.cycle.identity;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.roles.*}: the hospital's own group of each role, as the directory or the sign-on token names it
 * ({@code learning-cycle.roles.project-leads: LHS-QI-Project-Leads}). Inside the app a role keeps its id
 * ({@link Roles}), so the grants, Tasklist filters, candidate groups and separation of duties hold whatever the
 * hospital calls its groups. A role left out is the hospital group of the same name.
 */
@ConfigurationProperties("learning-cycle")
public record RoleMapping(Map<String, String> roles) {

    /** Every role of the app, staff and the others. */
    public static final List<String> ROLE_IDS = Stream.concat(Roles.ALL.stream(), Stream.of(Roles.DATA_ANALYSTS, Roles.PATIENT_PARTNERS)).toList();

    public RoleMapping {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
        Set<String> unknown = new LinkedHashSet<>(roles.keySet());
        ROLE_IDS.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalStateException("learning-cycle.roles names " + unknown + ", which is no role of this app; the roles are " + ROLE_IDS);
        }
        Map<String, String> seen = new HashMap<>();
        roles.forEach((role, group) -> {
            String other = seen.put(group.toLowerCase(java.util.Locale.ROOT), role);
            if (other != null) {
                throw new IllegalStateException("learning-cycle.roles gives " + other + " and " + role + " the same group " + group
                        + "; each role needs a group of its own (separation of duties depends on it)");
            }
        });
    }

    /** @return the hospital group of the role */
    public String groupOf(String role) {
        return roles.getOrDefault(role, role);
    }

    /** @return the role whose group this is, or {@code null} */
    public String roleOf(String group) {
        for (String role : ROLE_IDS) {
            if (groupOf(role).equalsIgnoreCase(group)) {
                return role;
            }
        }
        return null;
    }

    /** @return the hospital group that stands behind an app group id: a role's mapped group, else the id itself */
    public String hospitalGroup(String appGroup) {
        return ROLE_IDS.contains(appGroup) ? groupOf(appGroup) : appGroup;
    }

    /** @return the app's id for a hospital group: its role, else its own id; {@code null} for a role's group under another name */
    public String appGroup(String hospitalGroup) {
        String role = roleOf(hospitalGroup);
        if (role != null) {
            return role;
        }
        return ROLE_IDS.contains(hospitalGroup) ? null : hospitalGroup;
    }
}
