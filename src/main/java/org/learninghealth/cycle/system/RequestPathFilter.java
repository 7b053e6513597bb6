package org.learninghealth.cycle.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before anything else: a request path that is not in plain form is refused with 400. The Camunda webapps build
 * their trailing-slash redirect from the raw path, so {@code GET //evil.example/../camunda/app} would send a browser
 * to {@code http://evil.example/...}; an empty segment, a dot segment, a backslash or an encoded slash, backslash or
 * dot has no use on this server. With secure cookies (HTTPS), every answer also carries HSTS.
 */
public class RequestPathFilter extends OncePerRequestFilter {

    /** {@code //}, {@code /./}, {@code /../} (also at the end), a backslash, or %2F, %5C, %2E encoded (any case, also double-encoded). */
    static final Pattern NOT_PLAIN = Pattern.compile("//|/\\.\\.?(/|$)|\\\\|%(25)*(2f|5c|2e)", Pattern.CASE_INSENSITIVE);

    static final String HSTS = "max-age=31536000; includeSubDomains";

    private final boolean https;

    public RequestPathFilter(boolean https) {
        this.https = https;
    }

    static boolean plain(String rawPath) {
        return rawPath != null && rawPath.startsWith("/") && !NOT_PLAIN.matcher(rawPath).find();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (https) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (!plain(request.getRequestURI())) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("text/plain;charset=UTF-8");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Cache-Control", "no-store");
            response.getOutputStream().write(("Bad request: the path must be in plain form, without empty or dot segments, backslashes or"
                    + " encoded slashes.").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }
}
