package org.learninghealth.cycle.identity.signon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning-cycle.sso.*} (profile {@code sso}): how a person is read from the provider's tokens. The provider
 * itself is Spring Boot's {@code spring.security.oauth2.client.*} (login) and {@code resourceserver.jwt.issuer-uri}
 * (bearer tokens).
 *
 * @param userClaim   the claim that holds the person's login name, the same as in the directory when there is one
 *                    (Keycloak: {@code preferred_username}; Entra ID: {@code preferred_username}, the UPN, or a claim
 *                    mapped from {@code onpremisessamaccountname})
 * @param rolesClaim  the claim listing the person's groups or app roles, mapped to the app's roles by
 *                    {@code learning-cycle.roles.*}; empty: the groups come from the directory (profile {@code ldap})
 *                    or from Camunda's own groups
 * @param afterLogout where the provider sends a person after logging out
 */
@ConfigurationProperties("learning-cycle.sso")
public record SignOnProperties(@DefaultValue("preferred_username") String userClaim, @DefaultValue("") String rolesClaim,
                               @DefaultValue("{baseUrl}/camunda/app/tasklist/") String afterLogout) {

    boolean rolesFromToken() {
        return rolesClaim != null && !rolesClaim.isBlank();
    }
}
