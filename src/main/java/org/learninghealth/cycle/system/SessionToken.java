package org.learninghealth.cycle.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/session/csrf-token}: the CSRF token of the caller's webapp session (the one Camunda's own webapps
 * send as {@code X-XSRF-TOKEN}), for our pages that change things through the session. Same-origin only: another
 * site's script cannot read the answer.
 */
@RestController
public class SessionToken {

    /** Camunda's attribute ({@code CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME}): one token for its webapps and our pages. */
    public static final String ATTRIBUTE = "CAMUNDA_CSRF_TOKEN";

    private static final SecureRandom RANDOM = new SecureRandom();

    @GetMapping("/api/session/csrf-token")
    public Map<String, String> token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            throw ApiException.forbidden("Log in to Tasklist or Cockpit first: the token belongs to a webapp session.");
        }
        synchronized (session.getId().intern()) {
            Object token = session.getAttribute(ATTRIBUTE);
            if (token == null) {
                byte[] bytes = new byte[16];
                RANDOM.nextBytes(bytes);
                token = HexFormat.of().withUpperCase().formatHex(bytes);
                session.setAttribute(ATTRIBUTE, token);
            }
            return Map.of("header", "X-XSRF-TOKEN", "token", token.toString());
        }
    }
}
