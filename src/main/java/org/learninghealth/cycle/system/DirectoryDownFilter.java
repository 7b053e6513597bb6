package org.learninghealth.cycle.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.learninghealth.cycle.identity.directory.DirectoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that needed the hospital directory while it was down gets a 503 saying so (and when to try again), not a
 * 500 with a stack trace, nor a "wrong password".
 */
public class DirectoryDownFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDownFilter.class);
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            DirectoryUnavailableException down = find(e);
            if (down == null || response.isCommitted()) {
                throw e;
            }
            LOG.warn("{} {}: {}", request.getMethod(), request.getRequestURI(), down.getMessage());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/json");
            response.getWriter().write(json.writeValueAsString(Map.of("status", 503, "error", "Directory unavailable",
                    "message", down.getMessage())));
        }
    }

    private static DirectoryUnavailableException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DirectoryUnavailableException down) {
                return down;
            }
        }
        return null;
    }
}
