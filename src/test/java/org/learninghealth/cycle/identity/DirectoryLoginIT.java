package org.learninghealth.cycle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.learninghealth.cycle.CycleSteps;
import org.learninghealth.cycle.browser.Browser;
import org.learninghealth.cycle.browser.TasklistPage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Logging in with directory accounts (profile {@code ldap}) against a directory shaped like OpenLDAP ({@code uid},
 * {@code groupOfNames}, no memberOf) whose groups carry the hospital's names: over REST, in Tasklist's login page, the
 * role's Tasklist filters, a membership removed in the directory, and the directory going down and coming back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "ldap"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the directory goes down last
class DirectoryLoginIT extends CycleSteps {

    /** src/test/resources/directory/openldap.ldif; unit-champions is left out: the group of that name */
    @RegisterExtension
    static final TestDirectory DIRECTORY = new TestDirectory(TestDirectory.Shape.OPENLDAP, Map.of("project-leads", "qi-leads",
            "managers", "quality-managers", "irb-reviewers", "irb-board", "camunda-admin", "lhs-admins", "data-analysts", "analytics",
            "patient-partners", "pfac"));

    @Autowired TestRestTemplate rest;
    @LocalServerPort int port;

    @DynamicPropertySource
    static void openLdap(DynamicPropertyRegistry registry) {
        DIRECTORY.register(registry);
        registry.add("learning-cycle.directory.user-filter", () -> "(objectClass=inetOrgPerson)");
        registry.add("learning-cycle.directory.cache-for", () -> "PT1S");
        registry.add("learning-cycle.admin.user", () -> "admin");
    }

    @Override
    protected void ensureUser(String id, String... groups) {
        DIRECTORY.ensurePerson(identityService, id, groups);
    }

    @Test
    void aDirectoryPasswordOpensTheApiTheEngineAndTheWebapps() {
        assertThat(get("lead", "lead", "/api/portfolio").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("lead", "not-the-password", "/api/portfolio").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("lead", "", "/api/portfolio").getStatusCode()).as("an empty password is no anonymous bind").isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("nobody", "nobody", "/api/portfolio").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);

        JsonNode groups = get("lead", "lead", "/engine-rest/group?member=lead&firstResult=0&maxResults=50").getBody();
        assertThat(groups.findValuesAsText("id")).as("qi-leads is the role project-leads").containsExactly("project-leads");
        assertThat(groups.findValuesAsText("name")).containsExactly("qi-leads");
        JsonNode profile = get("lead", "lead", "/engine-rest/user/lead/profile").getBody();
        assertThat(profile.path("email").asText()).isEqualTo("lead@hospital.example");
        assertThat(get("lead", "lead", "/engine-rest/user/irb/profile").getStatusCode()).as("others' entries need a grant")
                .isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
        assertThat(get("admin", "admin", "/engine-rest/user?memberOfGroup=irb-reviewers&firstResult=0&maxResults=50").getBody().findValuesAsText("id"))
                .as("the administrator reads every entry; a group's members come from its member DNs").containsExactly("irb", "irb2", "irblead");
        assertThat(get("admin", "admin", "/engine-rest/user/create").getStatusCode()).isNotEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> login = webappLogin("irb", "irb");
        assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(login.getBody().path("authorizedApps").toString()).contains("tasklist");
    }

    @Test
    void theRolesFiltersFollowTheHospitalsGroups() {
        assertThat(filters("irb")).contains(TasklistFilters.OVERSIGHT_REVIEWS).doesNotContain(TasklistFilters.TRIAGE_AND_DECISIONS);
        assertThat(filters("manager")).contains(TasklistFilters.TRIAGE_AND_DECISIONS).doesNotContain(TasklistFilters.OVERSIGHT_REVIEWS);
        assertThat(filters("outsider")).isEmpty();
    }

    @Test
    void aMembershipRemovedInTheDirectoryEndsTheRoleWithinSeconds() {
        DIRECTORY.addPerson("leaving", "quality-managers");
        assertThat(filters("leaving")).contains(TasklistFilters.TRIAGE_AND_DECISIONS);
        String session = sessionOf(webappLogin("leaving", "leaving"));
        assertThat(webappFilters(session)).contains(TasklistFilters.TRIAGE_AND_DECISIONS);

        DIRECTORY.removeMember("quality-managers", "leaving");

        assertThat(within(Duration.ofSeconds(15), () -> filters("leaving").isEmpty())).as("a new request: after the directory cache").isTrue();
        moveClock(Duration.ofSeconds(6)); // the webapps' authentication cache (5 s here) runs on the engine's clock
        assertThat(webappFilters(session)).as("an open Tasklist session: after the webapps' authentication cache").isEmpty();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aDirectoryThatIsDownSaysSoAndLoginsWorkWhenItIsBack() {
        DIRECTORY.stop();
        try {
            long start = System.nanoTime();
            ResponseEntity<JsonNode> api = get("champion", "champion", "/api/portfolio");
            ResponseEntity<JsonNode> engine = get("champion", "champion", "/engine-rest/task?firstResult=0&maxResults=50");
            ResponseEntity<JsonNode> webapp = webappLogin("champion", "champion");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no lock-up").isLessThan(Duration.ofSeconds(30));
            for (ResponseEntity<JsonNode> answer : List.of(api, engine, webapp)) {
                assertThat(answer.getBody().path("message").asText()).contains("hospital directory", DIRECTORY.url(), "does not answer");
            }
            assertThat(List.of(api.getStatusCode(), engine.getStatusCode())).containsOnly(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(webapp.getStatusCode().is5xxServerError()).as("the login page's own API answers with Camunda's error").isTrue();
            if (Browser.available()) {
                TasklistPage tasklist = new TasklistPage(Browser.start(), port, getClass().getSimpleName() + "/directory-down");
                try {
                    assertThat(tasklist.submitLogin("champion").waitForNotification("Login Failed")).contains("hospital directory", "does not answer");
                } finally {
                    tasklist.screenshot("last");
                    tasklist.driver().quit();
                }
            }
        } finally {
            DIRECTORY.start();
        }
        assertThat(within(Duration.ofSeconds(15), () -> get("lead", "lead", "/api/portfolio").getStatusCode() == HttpStatus.OK))
                .as("the directory is back").isTrue();
    }

    @Test
    @EnabledIf(value = "org.learninghealth.cycle.browser.Browser#available", disabledReason = "no headless Chromium")
    void aPersonLogsInToTasklistWithTheirDirectoryPassword() {
        TasklistPage tasklist = new TasklistPage(Browser.start(), port, getClass().getSimpleName() + "/tasklist");
        try {
            tasklist.login("irb");
            assertThat(tasklist.filters()).contains(TasklistFilters.OVERSIGHT_REVIEWS);
        } finally {
            tasklist.screenshot("last");
            tasklist.driver().quit();
        }
    }

    // ---- helpers

    private List<String> filters(String user) {
        return get(user, user, "/engine-rest/filter?firstResult=0&maxResults=50").getBody().findValuesAsText("name");
    }

    private List<String> webappFilters(String session) {
        HttpHeaders headers = new HttpHeaders();
        headers.add(HttpHeaders.COOKIE, session);
        ResponseEntity<JsonNode> answer = rest.exchange("/camunda/api/engine/engine/default/filter?firstResult=0&maxResults=50", HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
        return answer.getStatusCode().is2xxSuccessful() ? answer.getBody().findValuesAsText("name") : List.of();
    }

    private ResponseEntity<JsonNode> get(String user, String password, String path) {
        return rest.withBasicAuth(user, password).exchange(path, HttpMethod.GET, null, JsonNode.class);
    }

    /** Logs in as Tasklist's login page does: with the CSRF token and the session the page handed out. */
    private ResponseEntity<JsonNode> webappLogin(String user, String password) {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
        String token = cookie(page, "XSRF-TOKEN");
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.add("X-XSRF-TOKEN", token);
        headers.add(HttpHeaders.COOKIE, "XSRF-TOKEN=" + token + "; SESSION=" + cookie(page, "SESSION"));
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", user);
        form.add("password", password);
        return rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist", HttpMethod.POST, new HttpEntity<>(form, headers), JsonNode.class);
    }

    private static String sessionOf(ResponseEntity<?> login) {
        return "SESSION=" + cookie(login, "SESSION");
    }

    private static String cookie(ResponseEntity<?> response, String name) {
        return response.getHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).orElseThrow(() -> new AssertionError("no cookie " + name));
    }

    private static boolean within(Duration limit, Supplier<Boolean> condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.get()) {
                return true;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.get();
    }
}
