package org.learninghealth.cycle.identity.signon;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;

/**
 * Camunda's container-based authentication for the webapps (profile {@code sso}): the person the sign-on vouched for
 * becomes the webapp user, with the token's roles or their groups. No Camunda password is involved.
 */
public class SignOnWebappAuthentication implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        return resultFor(SignedInPerson.of(request));
    }

    /** @return the Camunda authentication of the person, unsuccessful for nobody */
    public static AuthenticationResult resultFor(SignedInPerson person) {
        if (person == null) {
            return AuthenticationResult.unsuccessful();
        }
        AuthenticationResult result = AuthenticationResult.successful(person.userId());
        result.setGroups(person.groups());
        return result;
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // the sign-on's login page is the challenge
    }
}
