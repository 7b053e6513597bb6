package org.learninghealth.cycle.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
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
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Single sign-on (profile {@code sso}) against a real OpenID Connect provider in the test (mock-oauth2-server, issuer
 * {@code hospital}): Tasklist in the browser without a Camunda password, bearer tokens on the APIs, an expired or
 * foreign token refused, the roles from the token's {@code groups} claim, and a logout that ends the provider's
 * session too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "sso"})
class SingleSignOnIT extends CycleSteps {

    static final MockOAuth2Server PROVIDER = start();
    static final String ISSUER = "hospital";

    @Autowired TestRestTemplate rest;
    @LocalServerPort int port;

    private static MockOAuth2Server start() {
        MockOAuth2Server server = new MockOAuth2Server();
        server.start();
        // up for the whole run: a failed test that runs once more starts the application again against it
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        return server;
    }

    @DynamicPropertySource
    static void provider(DynamicPropertyRegistry registry) {
        String issuer = PROVIDER.issuerUrl(ISSUER).toString();
        registry.add("spring.security.oauth2.client.registration.hospital.client-secret", () -> "client-secret");
        registry.add("spring.security.oauth2.client.provider.hospital.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer);
        registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> "learning-cycle");
        registry.add("learning-cycle.sso.roles-claim", () -> "groups");
        // the provider's group names (Entra ID's or Keycloak's), mapped to the roles
        registry.add("learning-cycle.roles.irb-reviewers", () -> "IRB-Board");
        registry.add("learning-cycle.roles.project-leads", () -> "QI-Leads");
    }

    @Test
    void aBearerTokenOpensTheApiAndTheEngineWithTheTokensRoles() {
        String lead = token("lead", List.of("/Hospital/QI-Leads"), 3600);
        assertThat(call(lead, "/api/portfolio").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(call(lead, "/engine-rest/process-definition/key/learning-cycle").getStatusCode()).as("QI-Leads is project-leads")
                .isEqualTo(HttpStatus.OK);
        String nobody = token("visitor", List.of("Payroll"), 3600);
        assertThat(call(nobody, "/engine-rest/process-definition/key/learning-cycle").getStatusCode()).as("no role, no process")
                .isIn(HttpStatus.NOT_FOUND, HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("lead", "lead").getForEntity("/api/portfolio", String.class).getStatusCode())
                .as("HTTP Basic for service accounts still works").isEqualTo(HttpStatus.OK);
    }

    @Test
    void aPersonNewToCamundaIsAddedWithTheTokensNameMailAndRolesAndLosesARoleTheTokenNoLongerGives() {
        String ann = "ann.lee@hospital.example";
        Map<String, Object> claims = Map.of("preferred_username", ann, "given_name", "Ann", "family_name", "Lee", "email", ann, "groups", List.of("IRB-Board"));
        String reviewer = PROVIDER.issueToken(ISSUER, "learning-cycle", new DefaultOAuth2TokenCallback(ISSUER, "ann-subject",
                JOSEObjectType.JWT.getType(), List.of("learning-cycle"), claims, 3600)).serialize();
        assertThat(call(reviewer, "/engine-rest/filter?firstResult=0&maxResults=50").getBody().findValuesAsText("name"))
                .contains(TasklistFilters.OVERSIGHT_REVIEWS);
        org.camunda.bpm.engine.identity.User user = identityService.createUserQuery().userId(ann).singleResult();
        assertThat(user).as("known to Camunda now, for Tasklist, the mails and separation of duties").isNotNull();
        assertThat(List.of(user.getFirstName(), user.getLastName(), user.getEmail())).containsExactly("Ann", "Lee", ann);
        assertThat(identityService.createUserQuery().userId(ann).memberOfGroup("irb-reviewers").count()).isOne();

        Map<String, Object> moved = new java.util.HashMap<>(claims);
        moved.put("groups", List.of("QI-Leads"));
        String lead = PROVIDER.issueToken(ISSUER, "learning-cycle", new DefaultOAuth2TokenCallback(ISSUER, "ann-subject",
                JOSEObjectType.JWT.getType(), List.of("learning-cycle"), moved, 3600)).serialize();
        assertThat(call(lead, "/api/portfolio").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(identityService.createUserQuery().userId(ann).memberOfGroup("irb-reviewers").count()).as("the token no longer says so").isZero();
        assertThat(identityService.createUserQuery().userId(ann).memberOfGroup("project-leads").count()).isOne();
        assertThat(identityService.checkPassword(ann, "")).as("no Camunda password anyone knows").isFalse();
        assertThat(rest.withBasicAuth(ann, "").getForEntity("/api/portfolio", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void anExpiredForeignOrMisaddressedTokenIsRefused() {
        for (String refused : List.of(token("lead", List.of("QI-Leads"), -600),
                PROVIDER.issueToken("elsewhere", "learning-cycle", callback("elsewhere", "lead", List.of("QI-Leads"), 3600)).serialize(),
                PROVIDER.issueToken(ISSUER, "other-app", new DefaultOAuth2TokenCallback(ISSUER, "lead", JOSEObjectType.JWT.getType(),
                        List.of("other-app"), Map.of("preferred_username", "lead"), 3600)).serialize())) {
            ResponseEntity<JsonNode> answer = call(refused, "/api/portfolio");
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).contains("invalid_token");
            assertThat(call(refused, "/engine-rest/task?firstResult=0&maxResults=5").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void withoutALoginThePagesSendThePersonToTheProvider() throws Exception {
        java.net.http.HttpResponse<Void> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://localhost:" + port + "/camunda/app/tasklist/default/")).header("Accept", "text/html").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(page.statusCode()).as("no redirects followed").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/hospital");
        assertThat(rest.getForEntity("/camunda/api/admin/auth/user/default", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/sign-on", JsonNode.class).getBody().path("enabled").asBoolean()).isTrue();
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @EnabledIf(value = "org.learninghealth.cycle.browser.Browser#available", disabledReason = "no headless Chromium")
    void aPersonOpensTasklistThroughTheProviderWithNoCamundaPasswordAndLogsOutOfBoth() throws Exception {
        PROVIDER.enqueueCallback(callback(ISSUER, "irb", List.of("IRB-Board"), 3600));
        TasklistPage tasklist = new TasklistPage(Browser.start(), port, getClass().getSimpleName() + "/tasklist");
        try {
            tasklist.driver().get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            assertThat(tasklist.filters()).as("irb is an IRB reviewer through the token's groups").contains(TasklistFilters.OVERSIGHT_REVIEWS);
            new org.openqa.selenium.support.ui.WebDriverWait(tasklist.driver(), java.time.Duration.ofSeconds(10)).until(d ->
                    d.findElements(org.openqa.selenium.By.cssSelector("li.account li.logout a")).stream()
                            .anyMatch(a -> String.valueOf(a.getDomAttribute("href")).endsWith("/logout")));
            String session = tasklist.driver().manage().getCookieNamed("SESSION").getValue();
            tasklist.driver().get("http://localhost:" + port + "/camunda/api/admin/auth/user/default");
            assertThat(tasklist.driver().getPageSource()).as("the webapps' user").contains("\"userId\":\"irb\"");

            tasklist.driver().get("http://localhost:" + port + "/logout");
            RecordedRequest endSession = null;
            while (endSession == null) {
                RecordedRequest request = PROVIDER.takeRequest(5, TimeUnit.SECONDS); // fails when none comes
                if (request.getPath().startsWith("/" + ISSUER + "/endsession")) {
                    endSession = request;
                }
            }
            assertThat(endSession).as("the provider was asked to end its session").isNotNull();
            assertThat(endSession.getPath()).contains("id_token_hint=", "post_logout_redirect_uri=");
            HttpHeaders oldSession = new HttpHeaders();
            oldSession.add(HttpHeaders.COOKIE, "SESSION=" + session);
            assertThat(rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(oldSession), String.class)
                    .getStatusCode()).as("the app's session (and the webapps' login in it) ended").isEqualTo(HttpStatus.UNAUTHORIZED);
        } finally {
            tasklist.screenshot("last");
            tasklist.driver().quit();
        }
    }

    // ---- helpers

    private static DefaultOAuth2TokenCallback callback(String issuer, String user, List<String> groups, long seconds) {
        return new DefaultOAuth2TokenCallback(issuer, user, JOSEObjectType.JWT.getType(), List.of("learning-cycle"),
                Map.of("preferred_username", user, "groups", groups), seconds);
    }

    private static String token(String user, List<String> groups, long seconds) {
        return PROVIDER.issueToken(ISSUER, "learning-cycle", callback(ISSUER, user, groups, seconds)).serialize();
    }

    private ResponseEntity<JsonNode> call(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), JsonNode.class);
    }
}
