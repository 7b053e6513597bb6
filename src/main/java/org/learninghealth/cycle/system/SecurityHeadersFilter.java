package org.learninghealth.cycle.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the application's own pages and APIs ({@code /api}, {@code /portfolio}, {@code /actuator}) and on
 * {@code /engine-rest}, refusals included;
 * the Camunda webapps set their own (Content-Security-Policy with nonces, X-Content-Type-Options, ...).
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", request.getRequestURI().startsWith("/portfolio") || request.getRequestURI().startsWith("/learning") ? "no-cache" : "no-store");
        chain.doFilter(request, response);
    }
}
