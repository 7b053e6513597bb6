package org.learninghealth.cycle.identity;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Component;

/**
 * The user of an {@code /api} request (authenticated by the API filter), for services that check the caller's role
 * themselves and then act as the system, so that people need no engine-wide rights.
 */
@Component
public class ApiCaller {

    private final IdentityService identityService;

    public ApiCaller(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** @throws ApiException 403 when nobody is logged in */
    public Authentication require() {
        Authentication authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            throw ApiException.forbidden("No user is logged in.");
        }
        return authentication;
    }

    /** @throws ApiException 403 with {@code refusal} when the caller is in none of the groups */
    public Authentication requireAnyGroup(Collection<String> groups, String refusal) {
        Authentication user = require();
        if (!inAnyGroup(user, groups)) {
            throw ApiException.forbidden(refusal);
        }
        return user;
    }

    public static boolean inAnyGroup(Authentication user, Collection<String> groups) {
        return user.getGroupIds() != null && user.getGroupIds().stream().anyMatch(groups::contains);
    }

    /** Runs a call as {@code user} with their groups, as Tasklist and the REST API do (demo data, tests). */
    public <T> T as(String user, Supplier<T> call) {
        Authentication caller = identityService.getCurrentAuthentication();
        List<String> groups = identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        identityService.setAuthentication(user, groups);
        try {
            return call.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            } else {
                identityService.clearAuthentication();
            }
        }
    }

    /** Runs an engine call without the caller's authorization checks, after the service has checked the caller. */
    public <T> T asSystem(Supplier<T> call) {
        Authentication caller = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            return call.get();
        } finally {
            if (caller != null) {
                identityService.setAuthentication(caller);
            }
        }
    }
}
