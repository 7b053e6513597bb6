package org.learninghealth.cycle.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before anything else: a request path that is not in plain form is refused with 400. The Camunda webapps build
 * their trailing-slash redirect from the raw path, so {@code GET //evil.example/../camunda/app} would send a browser
 * to {@code http://evil.example/...}; an empty segment, a dot segment, a backslash or an encoded slash, backslash or
 * dot has no use on this server. Behind that, whatever builds a redirect keeps it on this host: a location that is
 * protocol-relative or names another host keeps only its path. With secure cookies (HTTPS), every answer also
 * carries HSTS.
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
        chain.doFilter(request, new OnHostRedirects(request, response));
    }

    /**
     * The location a browser is sent to, kept on {@code host}: a relative location or one on this host passes; a
     * protocol-relative one ({@code //x}, {@code /\x}, {@code \\x}), one naming another host, or another scheme keeps only
     * its path, normalised, with its query.
     */
    static String onHost(String location, String host) {
        if (location == null) {
            return null;
        }
        String trimmed = location.strip();
        String slashes = trimmed.replace('\\', '/');
        boolean protocolRelative = slashes.startsWith("//");
        URI uri;
        try {
            uri = new URI(slashes);
        } catch (URISyntaxException e) {
            return "/";
        }
        if (!protocolRelative && uri.getScheme() == null) {
            return location;
        }
        if (!protocolRelative && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                && uri.getHost() != null && uri.getHost().equalsIgnoreCase(host)) {
            return location;
        }
        String path = uri.normalize().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        path = ("/" + path).replaceAll("/{2,}", "/").replaceAll("^(/\\.\\.(?=/|$))+", "");
        if (path.isEmpty()) {
            path = "/";
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Every redirect of the chain behind this filter goes through {@link #onHost}. */
    private static final class OnHostRedirects extends HttpServletResponseWrapper {

        private final String host;

        OnHostRedirects(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.host = request.getServerName();
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(onHost(location, host));
        }

        @Override
        public void setHeader(String name, String value) {
            super.setHeader(name, "Location".equalsIgnoreCase(name) ? onHost(value, host) : value);
        }

        @Override
        public void addHeader(String name, String value) {
            super.addHeader(name, "Location".equalsIgnoreCase(name) ? onHost(value, host) : value);
        }
    }
}
