package org.learninghealth.cycle.evidence;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PubMedSourceTest {

    PubMedStub stub;
    final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = new PubMedStub().start();
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private PubMedSource source(String apiKey, Duration timeout) {
        PubMedProperties properties = new PubMedProperties(true, stub.baseUrl(), "learning-cycle-test", "qi@hospital.example", apiKey, 5,
                timeout, 3, Duration.ofMillis(200));
        return new PubMedSource(properties, new ObjectMapper(), waits::add);
    }

    private PubMedSource source() {
        return source(null, Duration.ofSeconds(2));
    }

    @Test
    void readsTheArticlesInBestMatchOrderWithCitationAndLink() {
        stub.answering();
        List<EvidenceItem> items = source().search("Falls at night on the medical wards and hourly rounding", 10);

        assertThat(items).extracting(EvidenceItem::id).containsExactly("pubmed:31234567", "pubmed:29876543");
        EvidenceItem first = items.get(0);
        assertThat(first.source()).isEqualTo("PubMed");
        assertThat(first.title()).isEqualTo("Test record one: purposeful rounding and inpatient falls.");
        assertThat(first.reference()).isEqualTo("Nguyen A, Okafor B, Lindqvist C et al.. BMJ quality & safety. 2019. PMID 31234567");
        assertThat(first.link()).isEqualTo("https://pubmed.ncbi.nlm.nih.gov/31234567/");
        assertThat(first.why()).isEqualTo("PubMed Best Match 1 of 143 for \"falls night medical wards hourly rounding\"");
        assertThat(first.score()).isEqualTo(1.0);
        assertThat(items.get(1).score()).isEqualTo(0.5);
        assertThat(items.get(1).reference()).isEqualTo("Smith E. Journal of nursing care quality. 2017. PMID 29876543");
        assertThat(first.decision()).isNull();
        assertThat(first.demo()).isFalse();
        assertThat(first.published()).as("epubdate 2018 Nov 2 before pubdate 2019 Mar").isEqualTo("2018-11-02");
        assertThat(items.get(1).published()).as("pubdate 2017 alone").isEqualTo("2017-01-01");

        LoggedRequest search = stub.server.findAll(getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))).get(0);
        assertThat(search.queryParameter("db").firstValue()).isEqualTo("pubmed");
        assertThat(search.queryParameter("retmode").firstValue()).isEqualTo("json");
        assertThat(search.queryParameter("sort").firstValue()).isEqualTo("relevance");
        assertThat(search.queryParameter("retmax").firstValue()).isEqualTo("5");
        assertThat(search.queryParameter("tool").firstValue()).isEqualTo("learning-cycle-test");
        assertThat(search.queryParameter("email").firstValue()).isEqualTo("qi@hospital.example");
        assertThat(search.queryParameter("api_key").isPresent()).isFalse();
        LoggedRequest summary = stub.server.findAll(getRequestedFor(urlPathEqualTo("/entrez/eutils/esummary.fcgi"))).get(0);
        assertThat(summary.queryParameter("id").firstValue()).isEqualTo("31234567,29876543");
    }

    @Test
    void requestsAreSpacedToNcbisLimitWithAndWithoutAKey() {
        stub.answering();
        source().search("falls", 5);
        source().search("falls", 5);
        PubMedSource withoutKey = source();
        waits.clear();
        withoutKey.search("falls", 5);
        withoutKey.search("falls", 5);
        // four requests in a row (the test's sleeper does not really wait): each is booked 334 ms after the one before
        assertSpacing(334);

        PubMedSource withKey = source("abc123", Duration.ofSeconds(2));
        waits.clear();
        withKey.search("falls", 5);
        withKey.search("falls", 5);
        assertSpacing(100);
        assertThat(stub.server.findAll(getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi")).withQueryParam("api_key", equalTo("abc123"))))
                .hasSize(2);
    }

    /** The waits of three requests after a first one: each booked {@code millis} after the one before. */
    private void assertSpacing(long millis) {
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0).toMillis()).isBetween(millis - 60, millis);
        for (int i = 1; i < waits.size(); i++) {
            assertThat(waits.get(i).minus(waits.get(i - 1)).toMillis()).isBetween(millis - 60, millis);
        }
    }

    @Test
    void a429IsTriedAgainAfterWhatRetryAfterSays() {
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")).willSetStateTo("calm"));
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson(PubMedStub.resource("esearch-falls.json"))));
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esummary.fcgi")).willReturn(okJson(PubMedStub.resource("esummary-falls.json"))));

        assertThat(source().search("falls", 5)).hasSize(2);
        assertThat(waits).contains(Duration.ofSeconds(2));
        stub.server.verify(2, getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi")));
    }

    @Test
    void fiveHundredsAreTriedWithGrowingBackoffThenReported() {
        stub.failingWith(500);
        assertThatThrownBy(() -> source().search("falls", 5)).isInstanceOf(EvidenceSourceUnavailable.class)
                .hasMessage("PubMed gave HTTP 500 after 3 attempts.");
        stub.server.verify(3, getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi")));
        assertThat(waits).contains(Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void aSlowAnswerTimesOut() {
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi")).willReturn(okJson(PubMedStub.resource("esearch-falls.json"))
                .withFixedDelay(1500)));
        assertThatThrownBy(() -> source(null, Duration.ofMillis(300)).search("falls", 5)).isInstanceOf(EvidenceSourceUnavailable.class)
                .hasMessageContaining("no answer within");
    }

    @Test
    void malformedJsonIsTriedAgainThenReported() {
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>Service unavailable</html>")));
        assertThatThrownBy(() -> source().search("falls", 5)).isInstanceOf(EvidenceSourceUnavailable.class)
                .hasMessage("PubMed gave an unreadable answer (not JSON) after 3 attempts.");
        stub.server.verify(3, getRequestedFor(urlPathEqualTo("/entrez/eutils/esearch.fcgi")));
    }

    @Test
    void jsonOfTheWrongShapeAndNoHitsAreTellable() {
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))
                .willReturn(okJson("{\"header\":{},\"esearchresult\":{\"ERROR\":\"Invalid query\"}}")));
        assertThatThrownBy(() -> source().search("falls", 5)).isInstanceOf(EvidenceSourceUnavailable.class)
                .hasMessage("PubMed answered the search without a list of articles: Invalid query");

        stub.server.resetAll();
        stub.server.stubFor(get(urlPathEqualTo("/entrez/eutils/esearch.fcgi"))
                .willReturn(okJson("{\"header\":{},\"esearchresult\":{\"count\":\"0\",\"retmax\":\"0\",\"retstart\":\"0\",\"idlist\":[]}}")));
        assertThat(source().search("zzzz", 5)).isEmpty();
        stub.server.verify(0, getRequestedFor(urlPathEqualTo("/entrez/eutils/esummary.fcgi")));
    }

    /** Date shapes of E-utilities' esummary (PubMed's "pubdate", "epubdate", "sortpubdate" fields). */
    @Test
    void theDayAnArticleWasFirstPublicIsReadFromEveryShapePubMedWrites() throws Exception {
        assertThat(PubMedSource.day("2019 Mar 12")).isEqualTo(LocalDate.of(2019, 3, 12));
        assertThat(PubMedSource.day("2019 Mar-Apr")).isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(PubMedSource.day("2019 Dec 28-2020 Jan 3")).isEqualTo(LocalDate.of(2019, 12, 28));
        assertThat(PubMedSource.day("2015")).isEqualTo(LocalDate.of(2015, 1, 1));
        assertThat(PubMedSource.day("2019 Spring")).isNull();
        assertThat(PubMedSource.day("2019 Feb 30")).isNull();
        assertThat(PubMedSource.day("")).isNull();
        ObjectMapper json = new ObjectMapper();
        assertThat(PubMedSource.published(json.readTree("{\"pubdate\": \"2019 Spring\", \"sortpubdate\": \"2019/03/01 00:00\"}")))
                .as("a season: PubMed's sort date").isEqualTo(LocalDate.of(2019, 3, 1));
        assertThat(PubMedSource.published(json.readTree("{\"pubdate\": \"2020 Jan\", \"epubdate\": \"2020 Feb 3\"}")))
                .as("printed before it was online").isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(PubMedSource.published(json.readTree("{\"title\": \"no dates\"}"))).isNull();
    }

    @Test
    void plainWordsAreCutButPubMedSyntaxIsKept() {
        assertThat(PubMedSource.term("Falls at night on the medical wards: a problem for the patients and the nurses on 4 West"))
                .isEqualTo("falls night medical wards problem patients nurses west");
        assertThat(PubMedSource.term("\"accidental falls\"[MeSH] AND rounding")).isEqualTo("\"accidental falls\"[MeSH] AND rounding");
        assertThat(PubMedSource.term("  ")).isEmpty();
    }

    @Test
    void turningPubMedOnWithoutAContactAddressIsRefusedAtStart() {
        assertThatThrownBy(() -> new PubMedProperties(true, "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/", "t", " ", null, 5,
                Duration.ofSeconds(1), 3, Duration.ofSeconds(1))).hasMessageContaining("LC_PUBMED_EMAIL");
    }
}
