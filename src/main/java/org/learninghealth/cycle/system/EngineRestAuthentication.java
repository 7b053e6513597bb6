package org.learninghealth.cycle.system;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.learninghealth.cycle.identity.signon.SignOnWebappAuthentication;
import org.learninghealth.cycle.identity.signon.SignedInPerson;

/** {@code /engine-rest}: the person of a valid bearer token (profile {@code sso}; a login session is not enough), else HTTP Basic with a Camunda or directory password. */
public class EngineRestAuthentication extends HttpBasicAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        SignedInPerson person = SignedInPerson.of(request);
        return person != null && person.bearer() ? SignOnWebappAuthentication.resultFor(person) : super.extractAuthenticatedUser(request, engine);
    }
}
