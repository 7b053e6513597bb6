package org.learninghealth.cycle.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses task queries that carry JUEL expressions anywhere in their JSON body. The engine refuses expressions in
 * ad-hoc queries ({@code enableExpressionsInAdhocQueries=false}) but in Camunda 7.24 not inside {@code orQueries},
 * nor in the query that extends a stored filter; an expression can call any bean, so none may come from outside.
 * Covers {@code /engine-rest} and the webapps' own engine API.
 */
public class QueryExpressionGuard extends OncePerRequestFilter {

    static final Pattern QUERY_PATHS = Pattern.compile(".*/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equalsIgnoreCase(request.getMethod()) || !QUERY_PATHS.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String expression = null;
        if (body.length > 0) {
            try {
                expression = expressionIn(json.readTree(body), "");
            } catch (IOException e) {
                // not JSON: the REST layer answers that itself
            }
        }
        if (expression != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.getWriter().write(json.writeValueAsString(Map.of("type", "BadUserRequestException", "message",
                    "Expressions are not allowed in queries sent to this server (" + expression + ").")));
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    /** @return where the first expression is ("orQueries[0].assigneeExpression"), or {@code null} */
    static String expressionIn(JsonNode node, String path) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().endsWith("Expression") && !field.getValue().isNull()) {
                    return where;
                }
                String inner = expressionIn(field.getValue(), where);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String inner = expressionIn(node.get(i), path + "[" + i + "]");
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    /** The request with its body read once and handed on unchanged. */
    static final class Replayed extends HttpServletRequestWrapper {
        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
