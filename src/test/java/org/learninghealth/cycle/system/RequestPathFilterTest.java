package org.learninghealth.cycle.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Which raw paths pass, and HSTS only behind HTTPS; HardeningIT sends the same paths over a socket. */
class RequestPathFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"/camunda/app/tasklist/default/", "/api/cycles/LC-2026-0001/chart.png", "/portfolio", "/.well-known/x", "/a.b/c..d/e"})
    void plainPathsPass(String path) {
        assertThat(RequestPathFilter.plain(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"//evil.example/../camunda/app", "/camunda//app", "/a/../b", "/a/./b", "/a/..", "/a/.", "/\\evil", "/%2F%2Fevil",
            "/%2fx", "/%5Cx", "/%2e%2e/x", "/%252F%252Fevil", "evil.example/x", ""})
    void othersAreRefused(String path) {
        assertThat(RequestPathFilter.plain(path)).isFalse();
    }

    @Test
    void behindHttpsEveryAnswerCarriesHstsRefusalsToo() throws Exception {
        for (String path : new String[] {"/portfolio", "//evil.example/"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            MockHttpServletResponse response = new MockHttpServletResponse();
            new RequestPathFilter(true).doFilter(request, response, new MockFilterChain());
            assertThat(response.getHeader("Strict-Transport-Security")).as(path).isEqualTo("max-age=31536000; includeSubDomains");
        }
        MockHttpServletResponse plainHttp = new MockHttpServletResponse();
        new RequestPathFilter(false).doFilter(new MockHttpServletRequest("GET", "/portfolio"), plainHttp, new MockFilterChain());
        assertThat(plainHttp.getHeader("Strict-Transport-Security")).isNull();
        MockHttpServletResponse refused = new MockHttpServletResponse();
        new RequestPathFilter(false).doFilter(new MockHttpServletRequest("GET", "//evil.example/../camunda/app"), refused, new MockFilterChain());
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("plain form");
        assertThat(refused.getHeader("Location")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/camunda/app/|/camunda/app/",
            "tasklist/|tasklist/",
            "http://localhost/camunda/app/|http://localhost/camunda/app/",
            "https://LOCALHOST:8443/portfolio?x=1|https://LOCALHOST:8443/portfolio?x=1",
            "//evil.example/../camunda/app/|/camunda/app/",
            "/\\evil.example/camunda/app/|/camunda/app/",
            "\\\\evil.example\\x|/x",
            "http://evil.example/camunda/app/?a=b|/camunda/app/?a=b",
            "https://evil.example|/",
            "http://localhost.evil.example/x|/x",
            "//evil.example//..//..//x|/x",
            "javascript:alert(1)|/",
            "http://evil.example/a b|/"})
    void whateverBuildsARedirectKeepsItOnThisHost(String location, String sent) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/camunda/app");
        request.setServerName("localhost");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new RequestPathFilter(false).doFilter(request, response, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.sendRedirect(location);
            }
        }));
        assertThat(response.getRedirectedUrl()).isEqualTo(sent);

        MockHttpServletResponse header = new MockHttpServletResponse();
        new RequestPathFilter(false).doFilter(request, header, new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) {
                res.setStatus(302);
                res.setHeader("Location", location);
            }
        }));
        assertThat(header.getHeader("Location")).isEqualTo(sent);
    }
}
