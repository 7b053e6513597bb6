package org.learninghealth.cycle.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.learninghealth.cycle.identity.signon.SignedInPerson;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code /api/*}: a bearer token of the sign-on (profile {@code sso}, checked before this filter), HTTP
 * Basic against Camunda's users (or the directory's), or - for reading only - the Camunda webapp
 * session of a person already logged in to Tasklist or Cockpit (one login for everything). Changes through the
 * session need the session's CSRF token, so that another site cannot forge them. The engine sees the user and their groups,
 * so Camunda's authorizations apply to everything the API does on the user's behalf.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    private final IdentityService identityService;

    public ApiAuthenticationFilter(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SignedInPerson person = SignedInPerson.of(request);
        if (person != null && !person.bearer() && !(isRead(request) || hasSessionToken(request))) {
            person = null; // a login session changes things only with its CSRF token
        }
        String user = person != null ? person.userId() : basicUser(request);
        if (user == null && (isRead(request) || hasSessionToken(request))) {
            user = sessionUser(request);
        }
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                // a page's own script says so: it shows its own message instead of the browser's password prompt
                response.setHeader("WWW-Authenticate", "Basic realm=\"learning-cycle\"");
            }
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":401,\"error\":\"Unauthorized\",\"message\":\"Log in (HTTP Basic with your Camunda user) to use this API.\"}");
            return;
        }
        List<String> groups = person != null && person.groups() != null ? person.groups()
                : identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).toList();
        try {
            identityService.setAuthentication(user, groups);
            chain.doFilter(request, response);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static boolean isRead(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    /**
     * A change through the session needs the session's CSRF token in {@value #TOKEN_HEADER} (the synchronizer-token
     * pattern Camunda's webapps use too): our pages read it from {@code GET /api/session/csrf-token}, which another
     * site cannot read.
     */
    private static boolean hasSessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String sent = request.getHeader(TOKEN_HEADER);
        Object token = session == null ? null : session.getAttribute(SessionToken.ATTRIBUTE);
        return sent != null && token != null && java.security.MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                token.toString().getBytes(StandardCharsets.UTF_8));
    }

    static final String TOKEN_HEADER = "X-XSRF-TOKEN";

    private String basicUser(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return identityService.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
    }

    /** The person logged in to the Camunda webapps in this session, or {@code null}. */
    static String sessionUser(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null : authentications.getAuthenticationForProcessEngine("default");
        return authentication == null ? null : authentication.getIdentityId();
    }
}
