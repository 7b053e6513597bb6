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
 * Looks into the JSON bodies sent to Camunda's engine API ({@code /engine-rest} and the webapps' own) and refuses,
 * with a 400 that says where:
 * <ul>
 * <li>task queries that carry JUEL expressions anywhere: the engine refuses expressions in ad-hoc queries
 * ({@code enableExpressionsInAdhocQueries=false}) but in Camunda 7.24 not inside {@code orQueries}, nor in the
 * query that extends a stored filter; an expression can call any bean, so none may come from outside;</li>
 * <li>stored filters (created or changed) whose query holds an expression other than the harmless ones Tasklist's
 * own filters use ({@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}}, {@code ${dateTime()}}
 * with plus/minus steps): a stored expression runs for every person who opens the filter;</li>
 * <li>object values of a class outside the allow-list ({@link #ALLOWED_TYPES}: boxed numbers, strings, Java's plain
 * lists, sets and maps, and the app's own types): Spin would make any class on the class path from JSON; the engine's
 * deserialization type validation holds the same line for anything that gets past;</li>
 * <li>Java-serialized values: the engine refuses them too ({@code javaSerializationFormatEnabled=false}), but with
 * a 500; here they never reach it.</li>
 * </ul>
 */
public class EngineRequestGuard extends OncePerRequestFilter {

    static final Pattern QUERY_PATHS = Pattern.compile(".*/(task(/count)?|filter/[^/]+/(list|count|singleResult))/?$");
    static final Pattern STORED_PATHS = Pattern.compile(".*/filter(/create|/[^/]+)/?$");
    static final Pattern HARMLESS = Pattern.compile("\\$\\{\\s*(currentUser\\(\\)|currentUserGroups\\(\\)|now\\(\\)"
            + "|dateTime\\(\\)(\\.(plus|minus)(Years|Months|Weeks|Days|Hours|Minutes|Seconds)\\(\\d{1,6}\\))*(\\.toDate\\(\\))?)\\s*}");
    static final String JAVA_SERIALIZATION = "application/x-java-serialized-object";
    static final Pattern ALLOWED_TYPES = Pattern.compile("java\\.lang\\.(String|Boolean|Byte|Short|Integer|Long|Float|Double|Character)"
            + "|java\\.util\\.(ArrayList|Arrays\\$ArrayList|LinkedList|HashMap|LinkedHashMap|TreeMap|HashSet|LinkedHashSet|TreeSet)"
            + "|java\\.util\\.ImmutableCollections\\$(List12|ListN|Set12|SetN|Map1|MapN)|org\\.learninghealth\\.cycle\\.[\\w.$]+");
    private final ObjectMapper json = new ObjectMapper();

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        boolean writes = "POST".equalsIgnoreCase(request.getMethod()) || "PUT".equalsIgnoreCase(request.getMethod());
        String type = request.getContentType();
        return !writes || type == null || !type.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String refusal = null;
        if (body.length > 0) {
            try {
                JsonNode tree = json.readTree(body);
                String serialized = javaSerializedIn(tree, "");
                String type = foreignTypeIn(tree, "");
                String expression = QUERY_PATHS.matcher(request.getRequestURI()).matches() ? expressionIn(tree, "") : null;
                String stored = STORED_PATHS.matcher(request.getRequestURI()).matches() ? unsafeExpressionIn(tree, "") : null;
                if (serialized != null) {
                    refusal = "Java-serialized values are not accepted by this server (" + serialized + "); send the value as JSON "
                            + "(serializationDataFormat application/json).";
                } else if (type != null) {
                    refusal = "Object values of this class are not accepted by this server (" + type + "); send plain JSON (type Json) or a"
                            + " number, string, list or map.";
                } else if (expression != null) {
                    refusal = "Expressions are not allowed in queries sent to this server (" + expression + ").";
                } else if (stored != null) {
                    refusal = "A filter may store only the expressions Tasklist's own filters use: ${currentUser()}, ${currentUserGroups()}, ${now()}"
                            + " and ${dateTime()} with plusDays(n) and the like (" + stored + ").";
                }
            } catch (IOException e) {
                // not JSON: the REST layer answers that itself
            }
        }
        if (refusal != null) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType("application/json");
            response.getWriter().write(json.writeValueAsString(Map.of("type", "BadUserRequestException", "message", refusal)));
            return;
        }
        chain.doFilter(new Replayed(request, body), response);
    }

    /** @return where a value declares Java serialization ("variables.x.valueInfo.serializationDataFormat"), or {@code null} */
    static String javaSerializedIn(JsonNode node, String path) {
        return find(node, path, (key, value) -> key.equals("serializationDataFormat") && value.isTextual()
                && value.asText().trim().toLowerCase(java.util.Locale.ROOT).startsWith(JAVA_SERIALIZATION));
    }

    /** @return where a value names a class outside {@link #ALLOWED_TYPES} ("variables.x.valueInfo.objectTypeName"), or {@code null} */
    static String foreignTypeIn(JsonNode node, String path) {
        return find(node, path, (key, value) -> key.equals("objectTypeName") && value.isTextual()
                && !java.util.Arrays.stream(value.asText().split("[<>,\\s]+")).filter(t -> !t.isEmpty()).allMatch(t -> ALLOWED_TYPES.matcher(t).matches()));
    }

    /** @return where the first expression is ("orQueries[0].assigneeExpression"), or {@code null} */
    static String expressionIn(JsonNode node, String path) {
        return find(node, path, (key, value) -> key.endsWith("Expression") && !value.isNull());
    }

    /** @return where the first expression outside {@link #HARMLESS} is ("query.assigneeExpression"), or {@code null} */
    static String unsafeExpressionIn(JsonNode node, String path) {
        return find(node, path, (key, value) -> !value.isNull() && !value.isContainerNode() && (key.endsWith("Expression")
                || value.asText().contains("${") || value.asText().contains("#{")) && !HARMLESS.matcher(value.asText().trim()).matches());
    }

    /** @return the path of the first field, at any depth, that the test picks, or {@code null} */
    private static String find(JsonNode node, String path, java.util.function.BiPredicate<String, JsonNode> picked) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (picked.test(field.getKey(), field.getValue())) {
                    return where;
                }
                String inner = find(field.getValue(), where, picked);
                if (inner != null) {
                    return inner;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String inner = find(node.get(i), path + "[" + i + "]", picked);
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
