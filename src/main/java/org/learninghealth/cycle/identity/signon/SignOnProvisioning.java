package org.learninghealth.cycle.identity.signon;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.learninghealth.cycle.identity.AdminProperties;
import org.learninghealth.cycle.identity.RoleMapping;
import org.learninghealth.cycle.identity.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Camunda keeps people itself (no directory), a person the sign-on vouched for is made known to Camunda: their
 * user (names and e-mail from the token, a random password nobody knows) and, when the token carries the roles, their role memberships
 * (added and removed to match the token). Camunda's webapps, the mails and separation of duties look people up there.
 * The configured administrator keeps {@code camunda-admin} whatever the token says. Done once per person and roles
 * every few minutes, not on every request.
 */
public class SignOnProvisioning {

    private static final Logger LOG = LoggerFactory.getLogger(SignOnProvisioning.class);

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final IdentityService identity;
    private final String administrator;
    private final Cache<String, Boolean> done = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(5)).maximumSize(10_000).build();

    public SignOnProvisioning(IdentityService identity, AdminProperties admin) {
        this.identity = identity;
        this.administrator = admin.user();
    }

    /** Makes Camunda's entry of the person match the token's claims. */
    public void provision(SignedInPerson person, Map<String, Object> claims) {
        String key = person.userId() + " " + person.groups() + " " + claims.get("email");
        if (identity.isReadOnly() || done.getIfPresent(key) != null) {
            return;
        }
        User user = identity.createUserQuery().userId(person.userId()).singleResult();
        boolean isNew = user == null;
        if (isNew) {
            user = identity.newUser(person.userId());
            // nobody knows it: the person logs in through the provider (Camunda cannot check a password that is not set)
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            user.setPassword(java.util.Base64.getEncoder().encodeToString(secret));
            LOG.info("Single sign-on: {} is new to Camunda; added", person.userId());
        }
        String first = text(claims.get("given_name"));
        String last = text(claims.get("family_name"));
        String email = text(claims.get("email"));
        if (isNew || !Objects.equals(first, user.getFirstName()) || !Objects.equals(last, user.getLastName()) || !Objects.equals(email, user.getEmail())) {
            user.setFirstName(first);
            user.setLastName(last);
            user.setEmail(email);
            identity.saveUser(user);
        }
        if (person.groups() != null) {
            Set<String> has = identity.createGroupQuery().groupMember(person.userId()).list().stream().map(Group::getId).collect(Collectors.toSet());
            for (String group : person.groups()) {
                if (!has.contains(group) && identity.createGroupQuery().groupId(group).count() > 0) {
                    identity.createMembership(person.userId(), group);
                }
            }
            for (String role : RoleMapping.ROLE_IDS) {
                boolean keep = person.groups().contains(role) || role.equals(Roles.ADMINS) && person.userId().equals(administrator);
                if (has.contains(role) && !keep) {
                    identity.deleteMembership(person.userId(), role);
                    LOG.info("Single sign-on: {} is no longer in {} (the token does not say so)", person.userId(), role);
                }
            }
        }
        done.put(key, Boolean.TRUE);
    }

    private static String text(Object claim) {
        return claim == null || claim.toString().isBlank() ? null : claim.toString();
    }
}
