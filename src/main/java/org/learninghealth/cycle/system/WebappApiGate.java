package org.learninghealth.cycle.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own API ({@code /camunda/api}) is closed to anyone not logged in, except what the login page needs:
 * logging in and out, asking who is logged in, the engine names, the plugins' static files and the first-run setup
 * (which refuses by itself once an administrator exists). Camunda answers an unknown path there with a 404 even to an
 * anonymous caller, which tells a prober what exists; here such a caller gets 401.
 */
public class WebappApiGate extends OncePerRequestFilter {

    static final Pattern OPEN = Pattern.compile("/camunda/api/(admin/auth/user/[^/]+(/login/[^/]+|/logout)?"
            + "|engine/engine/?|(admin|cockpit|tasklist|welcome)/plugin/[^/]+/static/.+|admin/setup/[^/]+/user/create)/?");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (ApiAuthenticationFilter.sessionUser(request) == null && !OPEN.matcher(request.getRequestURI()).matches()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.getWriter().write("{\"type\":\"AuthenticationException\",\"message\":\"Log in first.\"}");
            return;
        }
        chain.doFilter(request, response);
    }
}
