package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** What the application does to protect itself, since Camunda 7 Community gets no more security releases. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
class HardeningIT extends CycleTestSupport {

    @Autowired TestRestTemplate rest;

    @Test
    void ownPagesAndApisSendSecurityHeadersAndNoStackTraces() {
        for (String path : List.of("/api/knowledge?q=falls", "/portfolio/index.html")) {
            HttpHeaders headers = rest.withBasicAuth("manager", "manager").getForEntity(path, String.class).getHeaders();
            assertThat(headers.getFirst("Content-Security-Policy")).as(path).contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
            assertThat(headers.getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(headers.getFirst("X-Frame-Options")).as(path).isEqualTo("DENY");
        }
        ResponseEntity<String> bad = rest.withBasicAuth("manager", "manager").getForEntity("/api/knowledge?limit=abc", String.class);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.getBody()).contains("'abc' is not a valid value for limit").doesNotContain("Exception", "at org.");
        ResponseEntity<String> engineError = rest.withBasicAuth("lead", "lead").getForEntity("/engine-rest/task/does-not-exist/form-variables", String.class);
        assertThat(engineError.getBody()).doesNotContain("\tat ", "at org.camunda");
    }

    @Test
    void theLoginCookieIsHttpOnlyAndSameSite() {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        String xsrf = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow();
        assertThat(xsrf).contains("SameSite");
        ResponseEntity<String> login = login("lead", page);
        assertThat(login.getStatusCode()).as("%s", login.getBody()).isEqualTo(HttpStatus.OK);
        String cookie = login.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite");
    }

    @Test
    void repeatedWrongPasswordsLockTheLoginForAWhile() {
        ensureUser("throttled", "project-leads");
        assertThat(rest.withBasicAuth("throttled", "throttled").getForEntity("/api/knowledge", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        for (int i = 0; i < 3; i++) {
            assertThat(rest.withBasicAuth("throttled", "guess" + i).getForEntity("/api/knowledge", String.class).getStatusCode())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        // Camunda's login throttling: right after failures even the right password is refused until the delay passes
        assertThat(rest.withBasicAuth("throttled", "throttled").getForEntity("/api/knowledge", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void queriesCarryingExpressionsAreRefusedAlsoInsideOrQueries() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> plain = rest.withBasicAuth("lead", "lead").exchange("/engine-rest/task?maxResults=50", HttpMethod.POST,
                new HttpEntity<>(Map.of("assigneeExpression", "${'irb'}"), json), JsonNode.class);
        assertThat(plain.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
        assertThat(plain.getBody().get("message").asText()).containsIgnoringCase("expression");
        ResponseEntity<JsonNode> nested = rest.withBasicAuth("lead", "lead").exchange("/engine-rest/task?maxResults=50", HttpMethod.POST,
                new HttpEntity<>(Map.of("orQueries", List.of(Map.of("assigneeExpression", "${'irb'}"))), json), JsonNode.class);
        assertThat(nested.getStatusCode()).isIn(HttpStatus.BAD_REQUEST, HttpStatus.FORBIDDEN);
        assertThat(nested.getBody().get("message").asText()).contains("Expressions are not allowed", "orQueries[0].assigneeExpression");
        // the query that extends a stored filter (stored queries may hold expressions: only administrators create filters)
        String filter = engine.getFilterService().createFilterQuery().filterName("My project tasks").singleResult().getId();
        ResponseEntity<JsonNode> extended = rest.withBasicAuth("lead", "lead").exchange("/engine-rest/filter/" + filter + "/list?maxResults=50", HttpMethod.POST,
                new HttpEntity<>(Map.of("candidateGroupExpression", "${'managers'}"), json), JsonNode.class);
        assertThat(extended.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(extended.getBody().get("message").asText()).contains("Expressions are not allowed");
        // queries without expressions pass, body intact
        ResponseEntity<JsonNode> fine = rest.withBasicAuth("lead", "lead").exchange("/engine-rest/task?maxResults=50", HttpMethod.POST,
                new HttpEntity<>(Map.of("orQueries", List.of(Map.of("assignee", "lead"))), json), JsonNode.class);
        assertThat(fine.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("lead", "lead").exchange("/engine-rest/filter/" + filter + "/list?maxResults=50", HttpMethod.POST,
                new HttpEntity<>(Map.of("assignee", "lead"), json), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void peopleMustPageTheirQueries() {
        ResponseEntity<JsonNode> unbounded = rest.withBasicAuth("manager", "manager").getForEntity("/engine-rest/task", JsonNode.class);
        assertThat(unbounded.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unbounded.getBody().get("message").asText()).contains("An unbound number of results is forbidden");
        ResponseEntity<JsonNode> tooMany = rest.withBasicAuth("manager", "manager").getForEntity("/engine-rest/history/process-instance?maxResults=2001",
                JsonNode.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getBody().get("message").asText()).contains("Max results limit of 2000 exceeded");
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/engine-rest/history/process-instance?maxResults=2000", JsonNode.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        // counts are never limited, and the Java API acting for a person is held to the same rule
        assertThat(rest.withBasicAuth("manager", "manager").getForEntity("/engine-rest/task/count", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> as("manager", () -> engine.getTaskService().createTaskQuery().list()))
                .hasMessageContaining("An unbound number of results is forbidden");
    }

    @Test
    void javaSerializedVariablesAreRefusedEvenFromAnAdministrator() {
        String instance = as("lead", () -> runtimeService.startProcessInstanceByKey("learning-cycle", challenge("Serialization probe"))).getId();
        // an ArrayList, Java-serialized and Base64-encoded: what a deserialization attack would send
        Map<String, Object> variable = Map.of("value", "rO0ABXNyABNqYXZhLnV0aWwuQXJyYXlMaXN0eIHSHZnHYZ0DAAFJAARzaXpleHAAAAAAdwQAAAAAeA==", "type", "Object",
                "valueInfo", Map.of("objectTypeName", "java.util.ArrayList", "serializationDataFormat", "application/x-java-serialized-object"));
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> refused = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/process-instance/" + instance + "/variables/payload",
                HttpMethod.PUT, new HttpEntity<>(variable, json), JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("message").asText()).contains("Java-serialized values are not accepted", "valueInfo.serializationDataFormat");
        // and the engine's own refusal behind it (javaSerializationFormatEnabled=false), for anything that gets past the guard
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService.setVariable(instance, "payload",
                        org.camunda.bpm.engine.variable.Variables.serializedObjectValue("rO0ABXA=").serializationDataFormat("application/x-java-serialized-object")
                                .objectTypeName("java.util.ArrayList").create()))
                .hasMessageContaining("Java serialization format is prohibited");
        assertThat(runtimeService.getVariable(instance, "payload")).isNull();
    }

    @Test
    void aJsonObjectValueMayNameOnlyPlainTypes() {
        String instance = as("lead", () -> runtimeService.startProcessInstanceByKey("learning-cycle", challenge("Spin probe"))).getId();
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        for (String type : List.of("java.util.concurrent.ConcurrentHashMap", "java.util.ArrayList<javax.script.ScriptEngineManager>", "java.lang.ProcessBuilder")) {
            Map<String, Object> variable = Map.of("value", "{}", "type", "Object",
                    "valueInfo", Map.of("objectTypeName", type, "serializationDataFormat", "application/json"));
            ResponseEntity<JsonNode> refused = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/process-instance/" + instance + "/variables/payload",
                    HttpMethod.PUT, new HttpEntity<>(variable, json), JsonNode.class);
            assertThat(refused.getStatusCode()).as(type).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("message").asText()).contains("Object values of this class are not accepted", "valueInfo.objectTypeName");
        }
        ResponseEntity<String> plain = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/process-instance/" + instance + "/variables/payload",
                HttpMethod.PUT, new HttpEntity<>(Map.of("value", "[\"a\"]", "type", "Object", "valueInfo",
                        Map.of("objectTypeName", "java.util.ArrayList<java.lang.String>", "serializationDataFormat", "application/json")), json), String.class);
        assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(runtimeService.getVariable(instance, "payload")).isEqualTo(List.of("a"));
        // behind the guard, the engine's own type validation (deserializationTypeValidationEnabled)
        runtimeService.setVariable(instance, "payload", org.camunda.bpm.engine.variable.Variables.serializedObjectValue("{\"key\": \"a value of some length\"}")
                .serializationDataFormat("application/json").objectTypeName("java.util.concurrent.ConcurrentHashMap").create());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runtimeService.getVariable(instance, "payload"))
                .hasStackTraceContaining("java.util.concurrent.ConcurrentHashMap").hasStackTraceContaining("whitelist");
    }

    @Test
    void theFirstRunSetupCannotCreateAnAdministratorOnceOneExists() {
        Map<String, Object> user = Map.of("profile", Map.of("id", "intruder", "firstName", "I", "lastName", "N", "email", "i@example.org"),
                "credentials", Map.of("password", "a-long-password-1"));
        // with the CSRF token a browser would have, so the refusal is the setup's own
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/admin/default/setup/", String.class);
        HttpHeaders json = browser(MediaType.APPLICATION_JSON, cookie(page, "XSRF-TOKEN"), cookie(page, "SESSION"));
        ResponseEntity<String> setup = rest.exchange("/camunda/api/admin/setup/default/user/create", HttpMethod.POST, new HttpEntity<>(user, json), String.class);
        assertThat(setup.getStatusCode()).as("%s", setup.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(setup.getBody()).contains("Setup action not available");
        assertThat(identityService.createUserQuery().userId("intruder").count()).isZero();
    }

    @Test
    void theWebappsEngineApiRefusesExpressionsAndJavaSerializationToo() {
        // logged in through the Tasklist login, as a browser is: session cookie and CSRF token
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        ResponseEntity<String> loggedIn = login("lead", page);
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        String session = cookie(loggedIn, "SESSION");
        // the logged-in session gets its own CSRF token with the next page, as in a browser
        HttpHeaders again = new HttpHeaders();
        again.add(HttpHeaders.COOKIE, "SESSION=" + session);
        ResponseEntity<String> next = rest.exchange("/camunda/app/tasklist/default/", HttpMethod.GET, new HttpEntity<>(again), String.class);
        String renewed = cookie(next, "XSRF-TOKEN") == null ? cookie(page, "XSRF-TOKEN") : cookie(next, "XSRF-TOKEN");
        HttpHeaders json = browser(MediaType.APPLICATION_JSON, renewed, session);

        ResponseEntity<JsonNode> nested = rest.exchange("/camunda/api/engine/engine/default/task?maxResults=15", HttpMethod.POST,
                new HttpEntity<>(Map.of("orQueries", List.of(Map.of("candidateGroupExpression", "${'managers'}"))), json), JsonNode.class);
        assertThat(nested.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(nested.getBody().get("message").asText()).contains("orQueries[0].candidateGroupExpression");
        ResponseEntity<JsonNode> fine = rest.exchange("/camunda/api/engine/engine/default/task?maxResults=15", HttpMethod.POST,
                new HttpEntity<>(Map.of("assignee", "lead"), json), JsonNode.class);
        assertThat(fine.getStatusCode()).as("%s %s", fine.getBody(), fine.getHeaders()).isEqualTo(HttpStatus.OK);
        ResponseEntity<JsonNode> serialized = rest.exchange("/camunda/api/engine/engine/default/task/some-task/submit-form", HttpMethod.POST,
                new HttpEntity<>(Map.of("variables", Map.of("x", Map.of("value", "rO0ABXA=", "type", "Object", "valueInfo",
                        Map.of("serializationDataFormat", "application/x-java-serialized-object", "objectTypeName", "java.lang.Object")))), json), JsonNode.class);
        assertThat(serialized.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(serialized.getBody().get("message").asText()).contains("Java-serialized values are not accepted");
    }

    @Test
    void aChangeOfOurApiThroughTheSessionNeedsTheSessionsCsrfToken() {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        String session = cookie(login("lead", page), "SESSION");
        java.util.function.Function<String, HttpHeaders> sessionWith = csrf -> {
            HttpHeaders headers = new HttpHeaders();
            headers.add(HttpHeaders.COOKIE, "SESSION=" + session);
            headers.setContentType(MediaType.valueOf("text/csv"));
            if (csrf != null) {
                headers.add("X-XSRF-TOKEN", csrf);
            }
            return headers;
        };
        String url = "/api/cycles/LC-1999-0001/measurements";
        assertThat(rest.exchange(url, HttpMethod.POST, new HttpEntity<>("2026-01-05,1,2", sessionWith.apply(null)), String.class).getStatusCode())
                .as("another site can make the browser send the cookie, not the token").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.exchange(url, HttpMethod.POST, new HttpEntity<>("2026-01-05,1,2", sessionWith.apply("0123456789ABCDEF0123456789ABCDEF")),
                String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        JsonNode token = rest.exchange("/api/session/csrf-token", HttpMethod.GET, new HttpEntity<>(sessionWith.apply(null)), JsonNode.class).getBody();
        assertThat(token.get("header").asText()).isEqualTo("X-XSRF-TOKEN");
        HttpHeaders withToken = sessionWith.apply(token.get("token").asText());
        ResponseEntity<JsonNode> answer = rest.exchange(url, HttpMethod.POST, new HttpEntity<>("2026-01-05,1,2", withToken), JsonNode.class);
        assertThat(answer.getStatusCode()).as("logged in as lead, the API itself answers: no such project").isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(rest.getForEntity("/api/session/csrf-token", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    /** Logs in through the Tasklist login with the CSRF token and session the page handed out. */
    private ResponseEntity<String> login(String user, ResponseEntity<?> page) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", user);
        HttpHeaders headers = browser(MediaType.APPLICATION_FORM_URLENCODED, cookie(page, "XSRF-TOKEN"), cookie(page, "SESSION"));
        return rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST, new HttpEntity<>(form, headers), String.class);
    }

    /** What a browser sends with a write: the CSRF token as header and cookie, and the session cookie when there is one. */
    private static HttpHeaders browser(MediaType type, String token, String session) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        headers.add("X-XSRF-TOKEN", token);
        headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token + optional("SESSION", session));
        return headers;
    }

    private static String cookie(ResponseEntity<?> response, String name) {
        List<String> cookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        return cookies == null ? null : cookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElse(null);
    }

    private static String optional(String name, String value) {
        return value == null ? "" : "; " + name + "=" + value;
    }

    @Test
    void onlyAdministratorsCreateFilters() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        Map<String, Object> filter = Map.of("resourceType", "Task", "name", "Everything", "query", Map.of());
        for (String user : List.of("lead", "manager", "irb", "champion")) {
            assertThat(rest.withBasicAuth(user, user).exchange("/engine-rest/filter/create", HttpMethod.POST, new HttpEntity<>(filter, json), String.class)
                    .getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        assertThat(rest.withBasicAuth("admin", "admin").exchange("/engine-rest/filter/create", HttpMethod.POST, new HttpEntity<>(filter, json), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aStoredFilterMayHoldOnlyTheHarmlessExpressionsTasklistUses() {
        HttpHeaders json = new HttpHeaders();
        json.setContentType(MediaType.APPLICATION_JSON);
        String evil = "${''.getClass().forName('java.lang.Runtime')}";
        for (Map<String, Object> query : List.of(Map.<String, Object>of("assigneeExpression", evil), Map.<String, Object>of("candidateGroupsExpression", "#{x}"),
                Map.<String, Object>of("orQueries", List.of(Map.of("dueBeforeExpression", "${dateTime().plusDays(2).toDate()} ${x}"))))) {
            ResponseEntity<JsonNode> refused = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/filter/create", HttpMethod.POST,
                    new HttpEntity<>(Map.of("resourceType", "Task", "name", "Probe", "query", query), json), JsonNode.class);
            assertThat(refused.getStatusCode()).as("%s", query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().get("message").asText()).contains("A filter may store only", "${currentUser()}");
        }
        Map<String, Object> harmless = Map.of("assigneeExpression", "${currentUser()}", "candidateGroupsExpression", "${currentUserGroups()}",
                "dueBeforeExpression", "${dateTime().plusDays(2).toDate()}", "followUpBeforeOrNotExistentExpression", "${now()}");
        ResponseEntity<JsonNode> created = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/filter/create", HttpMethod.POST,
                new HttpEntity<>(Map.of("resourceType", "Task", "name", "Mine soon", "query", harmless), json), JsonNode.class);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.OK);
        String id = created.getBody().get("id").asText();
        ResponseEntity<JsonNode> changed = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/filter/" + id, HttpMethod.PUT,
                new HttpEntity<>(Map.of("resourceType", "Task", "name", "Mine soon", "query", Map.of("assigneeExpression", evil)), json), JsonNode.class);
        assertThat(changed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.withBasicAuth("admin", "admin").getForEntity("/engine-rest/filter/" + id, String.class).getBody())
                .contains("currentUser()").doesNotContain("Runtime");
        engine.getFilterService().deleteFilter(id);
    }

    @Test
    void healthForLoadBalancersAndMetricsForSomeoneLoggedIn() {
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getBody()).contains("\"status\":\"UP\"");
        ResponseEntity<String> readiness = rest.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"status\":\"UP\"").doesNotContain("details");
        assertThat(rest.getForEntity("/actuator/prometheus", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        String metrics = rest.withBasicAuth("admin", "admin").getForEntity("/actuator/prometheus", String.class).getBody();
        assertThat(metrics).contains("camunda_tasks_open", "camunda_incidents_open", "camunda_job_successful_total", "jvm_memory_used_bytes");
    }

    // ---- what Camunda 7.24.0 Community leaves open since its last release (see the README's hardening paragraph)

    @org.springframework.boot.test.web.server.LocalServerPort int port;

    /** A request as an attacker sends it: the path exactly as written, nothing normalised on the way. */
    private String raw(String path) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aPathThatIsNotPlainCannotRedirectAnywhere() throws Exception {
        for (String path : List.of("//evil.example/../camunda/app", "//evil.example/%2e%2e/camunda/app", "/camunda//app", "/%2F%2Fevil.example/../camunda/app",
                "/%252F%252Fevil.example/camunda/app", "/\\evil.example/../camunda/app", "/camunda/app/%5C%5Cevil.example", "/camunda/./app", "/camunda/app/..")) {
            String answer = raw(path);
            assertThat(answer).as(path).startsWith("HTTP/1.1 400").doesNotContainIgnoringCase("evil.example").doesNotContain("Location:");
        }
        assertThat(raw("/camunda/app")).startsWith("HTTP/1.1 302").contains("Location: http://localhost:" + port + "/camunda/app/");
        // no HSTS over plain HTTP; with LC_SECURE_COOKIES=true every answer carries it (RequestPathFilterTest)
        assertThat(raw("/camunda/app")).doesNotContain("Strict-Transport-Security");
    }

    @Test
    void refusalsCarryTheSecurityHeadersToo() {
        for (ResponseEntity<String> refused : List.of(rest.getForEntity("/engine-rest/task", String.class), rest.getForEntity("/api/portfolio", String.class),
                rest.withBasicAuth("champion", "champion").getForEntity("/api/portfolio", String.class))) {
            assertThat(refused.getStatusCode().value()).isIn(401, 403);
            assertThat(refused.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(refused.getHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(refused.getHeaders().getFirst("Cache-Control")).isEqualTo("no-store");
        }
    }

    private static final String SCRIPT_TASK = "<bpmn:scriptTask id=\"probe\" scriptFormat=\"javascript\"><bpmn:script>java.lang.System.exit(1)</bpmn:script></bpmn:scriptTask>";
    private static final String SCRIPT_LISTENER = "<bpmn:userTask id=\"probe\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
            + "<camunda:script scriptFormat=\"juel\">${''.getClass()}</camunda:script></camunda:executionListener></bpmn:extensionElements></bpmn:userTask>";
    private static final String SCRIPT_MAPPING = "<bpmn:userTask id=\"probe\"><bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">"
            + "<camunda:script scriptFormat=\"groovy\">'id'.execute()</camunda:script></camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements></bpmn:userTask>";
    private static final String SCRIPT_CONDITION = "<bpmn:exclusiveGateway id=\"probe\" /><bpmn:sequenceFlow id=\"cond\" sourceRef=\"probe\" targetRef=\"end\">"
            + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">true</bpmn:conditionExpression></bpmn:sequenceFlow>";

    private static String model(String element) {
        boolean condition = element.contains("sequenceFlow");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"d\""
                + " targetNamespace=\"http://example.org\"><bpmn:process id=\"script-probe\" isExecutable=\"true\" camunda:historyTimeToLive=\"P1D\">"
                + "<bpmn:startEvent id=\"start\" /><bpmn:sequenceFlow id=\"in\" sourceRef=\"start\" targetRef=\"probe\" />" + element
                + (condition ? "" : "<bpmn:sequenceFlow id=\"out\" sourceRef=\"probe\" targetRef=\"end\" />")
                + "<bpmn:endEvent id=\"end\" /></bpmn:process></bpmn:definitions>";
    }

    @Test
    void aModelThatRunsScriptsIsRefusedEvenFromAnAdministrator() {
        for (String element : List.of(SCRIPT_TASK, SCRIPT_LISTENER, SCRIPT_MAPPING, SCRIPT_CONDITION)) {
            MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
            body.add("deployment-name", "probe");
            body.add("data", new org.springframework.core.io.ByteArrayResource(model(element).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                @Override
                public String getFilename() {
                    return "probe.bpmn";
                }
            });
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.MULTIPART_FORM_DATA);
            ResponseEntity<JsonNode> refused = rest.withBasicAuth("admin", "admin").exchange("/engine-rest/deployment/create", HttpMethod.POST,
                    new HttpEntity<>(body, headers), JsonNode.class);
            assertThat(refused.getStatusCode()).as(element).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getBody().toString()).as(element).contains("does not run scripts", "LC_ALLOW_SCRIPTS");
        }
        assertThat(engine.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("script-probe").count()).isZero();
        // the same model without the script deploys: the refusal is about scripts, not about deploying
        org.camunda.bpm.engine.repository.Deployment fine = engine.getRepositoryService().createDeployment().name("probe")
                .addString("probe.bpmn", model("<bpmn:userTask id=\"probe\" />")).deploy();
        engine.getRepositoryService().deleteDeployment(fine.getId(), true);
    }

    @Test
    void theWebappsApiIsClosedToAnyoneNotLoggedIn() {
        for (String path : List.of("/camunda/api/admin/nothing-here", "/camunda/api/admin/auth/user/default/../x", "/camunda/api/engine/engine/default/user",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics")) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode().value()).as(path).isIn(400, 401);
        }
        assertThat(rest.getForEntity("/camunda/api/admin/nothing-here", String.class).getBody()).contains("Log in first");
        // what the login page needs stays open
        assertThat(rest.getForEntity("/camunda/api/engine/engine/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> loggedIn = login("lead", rest.getForEntity("/camunda/app/tasklist/default/", String.class));
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, "SESSION=" + cookie(loggedIn, "SESSION"));
        assertThat(rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(session), JsonNode.class).getBody()
                .get("userId").asText()).isEqualTo("lead");
        assertThat(rest.exchange("/camunda/api/admin/nothing-here", HttpMethod.GET, new HttpEntity<>(session), String.class).getStatusCode())
                .as("logged in, Camunda answers itself").isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void everyWebappHidesCamundasEndOfLifeBanner() {
        for (String app : List.of("tasklist", "cockpit", "admin", "welcome")) {
            ResponseEntity<String> styles = rest.getForEntity("/camunda/app/" + app + "/styles/user-styles.css", String.class);
            assertThat(styles.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
            assertThat(styles.getBody()).as(app).contains(".ce-eol-banner", "display: none !important");
        }
    }

    @Test
    void aRemovedMembershipEndsTheRoleWithinSeconds() {
        ensureUser("nightchampion", "unit-champions");
        ResponseEntity<String> loggedIn = login("nightchampion", rest.getForEntity("/camunda/app/tasklist/default/", String.class));
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpHeaders session = new HttpHeaders();
        session.add(HttpHeaders.COOKIE, "SESSION=" + cookie(loggedIn, "SESSION"));
        java.util.function.Supplier<List<String>> filters = () -> rest.exchange("/camunda/api/engine/engine/default/filter?resourceType=Task&firstResult=0&maxResults=50",
                HttpMethod.GET, new HttpEntity<>(session), JsonNode.class).getBody().findValuesAsText("name");
        assertThat(filters.get()).contains(org.learninghealth.cycle.identity.TasklistFilters.UNIT_ROLLOUTS);

        identityService.deleteMembership("nightchampion", "unit-champions");
        moveClock(java.time.Duration.ofSeconds(6));                        // LC_AUTH_CACHE_MILLIS: 5 s
        assertThat(filters.get()).doesNotContain(org.learninghealth.cycle.identity.TasklistFilters.UNIT_ROLLOUTS);
        identityService.deleteUser("nightchampion");
        moveClock(java.time.Duration.ofSeconds(6));
        assertThat(rest.exchange("/camunda/api/engine/engine/default/filter?resourceType=Task&firstResult=0&maxResults=50", HttpMethod.GET, new HttpEntity<>(session), String.class)
                .getStatusCode().value()).as("a deleted person's login ends").isIn(401, 403);
    }
}
