package org.learninghealth.cycle.identity.signon;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.learninghealth.cycle.identity.RoleMapping;

/**
 * The person the sign-on vouched for in this request (a login session of the provider, or a bearer token), with their
 * roles when the token carries them ({@code groups} is {@code null} when they come from the directory). {@code bearer}:
 * vouched for by a token sent with the request, which no other site can send; a login session's person changes
 * things through the API only with the session's CSRF token.
 */
public record SignedInPerson(String userId, List<String> groups, boolean bearer) {

    /** The request attribute the sign-on sets and the API, engine and webapp logins read. */
    public static final String ATTRIBUTE = SignedInPerson.class.getName();

    /** @return the person of the request, or {@code null} when the sign-on did not vouch for anyone */
    public static SignedInPerson of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof SignedInPerson person ? person : null;
    }

    /**
     * Reads the person from a token's claims.
     *
     * @return the person, or {@code null} when the token lacks the user claim
     */
    static SignedInPerson from(Map<String, Object> claims, boolean bearer, SignOnProperties settings, RoleMapping roles) {
        Object user = claims.get(settings.userClaim());
        if (user == null || user.toString().isBlank()) {
            return null;
        }
        if (!settings.rolesFromToken()) {
            return new SignedInPerson(user.toString(), null, bearer);
        }
        List<String> groups = new ArrayList<>();
        Object claimed = claims.get(settings.rolesClaim());
        Collection<?> values = claimed instanceof Collection<?> many ? many : claimed == null ? List.of() : List.of(claimed);
        for (Object value : values) {
            // Keycloak's group mapper writes full paths ("/LHS/QI-Leads"): the last segment is the group
            String name = value.toString().substring(value.toString().lastIndexOf('/') + 1);
            String group = roles.appGroup(name);
            if (group != null && !groups.contains(group)) {
                groups.add(group);
            }
        }
        return new SignedInPerson(user.toString(), List.copyOf(groups), bearer);
    }
}
