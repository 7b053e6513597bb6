package org.learninghealth.cycle.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.*;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A local stand-in for NCBI E-utilities answering in the real JSON shapes (string {@code count}, {@code idlist},
 * {@code result.uids}, {@code result[uid]}). The articles are made up for the tests and say so in their titles.
 */
public final class PubMedStub {

    public final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    public PubMedStub start() {
        server.start();
        return this;
    }

    public String baseUrl() {
        return server.baseUrl() + "/entrez/eutils/";
    }

    public static String resource(String name) {
        try (InputStream in = PubMedStub.class.getResourceAsStream("/pubmed/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Both utilities answer with the two made-up articles about falls. */
    public PubMedStub answering() {
        server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi")).willReturn(okJson(resource("esearch-falls.json"))));
        server.stubFor(get(urlPathEqualTo("/entrez/eutils/esummary.fcgi")).willReturn(okJson(resource("esummary-falls.json"))));
        return this;
    }

    public void failingWith(int status) {
        server.resetAll();
        server.stubFor(get(urlPathMatching("/entrez/eutils/.*")).willReturn(aResponse().withStatus(status).withBody("busy")));
    }

    /** Every answer from now on comes this late (0: at once). */
    public void slowedBy(java.time.Duration delay) {
        server.setGlobalFixedDelay((int) delay.toMillis());
    }

    /** How many searches were asked for so far. */
    public int searches() {
        return server.findAll(getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))).size();
    }

    public void stop() {
        server.stop();
    }
}
