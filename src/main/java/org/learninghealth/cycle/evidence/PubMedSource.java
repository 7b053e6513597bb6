package org.learninghealth.cycle.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PubMed through NCBI E-utilities: {@code esearch.fcgi} (Best Match order) for the PMIDs, then {@code esummary.fcgi}
 * for title, journal, date and authors, both as JSON. Requests are spaced to NCBI's limit (per application node),
 * time out, and are tried again with backoff on 429, 5xx, timeouts and unreadable answers.
 */
public class PubMedSource implements EvidenceSource {

    public static final String NAME = org.learninghealth.cycle.knowledge.EvidenceUses.PUBMED;
    private static final Logger LOG = LoggerFactory.getLogger(PubMedSource.class);
    /** Words PubMed's own query syntax uses; such a query is passed on as the person wrote it. */
    private static final Set<String> SYNTAX = Set.of("AND", "OR", "NOT");
    /** Plain-text queries are cut to this many words: PubMed ANDs the words, so a long problem statement finds nothing. */
    static final int MAX_PLAIN_WORDS = 8;
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in",
            "is", "it", "its", "of", "on", "or", "that", "the", "their", "there", "these", "this", "to", "was", "were", "will", "with",
            "we", "our", "how", "what", "why", "when", "which", "who", "more", "most", "than", "per");

    private final PubMedProperties properties;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Sleeper sleeper;
    private long nextRequestAt;

    /** How the source waits (replaced in tests that check the waiting without spending it). */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public PubMedSource(PubMedProperties properties, ObjectMapper json) {
        this(properties, json, d -> Thread.sleep(d.toMillis()));
    }

    PubMedSource(PubMedProperties properties, ObjectMapper json, Sleeper sleeper) {
        this.properties = properties;
        this.json = json;
        this.sleeper = sleeper;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EvidenceItem> search(String query, int limit) {
        String term = term(query);
        if (term.isBlank()) {
            return List.of();
        }
        int wanted = Math.min(limit, properties.maxResults());
        JsonNode search = get("esearch.fcgi", Map.of("db", "pubmed", "term", term, "retmode", "json", "retmax", String.valueOf(wanted),
                "sort", "relevance"));
        JsonNode result = search.path("esearchresult");
        if (!result.has("idlist")) {
            throw new EvidenceSourceUnavailable("PubMed answered the search without a list of articles" + error(result), null);
        }
        List<String> ids = StreamSupport.stream(result.get("idlist").spliterator(), false).map(JsonNode::asText).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        String count = result.path("count").asText(String.valueOf(ids.size()));
        JsonNode summary = get("esummary.fcgi", Map.of("db", "pubmed", "id", String.join(",", ids), "retmode", "json")).path("result");
        if (!summary.has("uids")) {
            throw new EvidenceSourceUnavailable("PubMed answered the summaries without their ids" + error(summary), null);
        }
        List<EvidenceItem> items = new ArrayList<>();
        for (int rank = 0; rank < ids.size(); rank++) {
            JsonNode article = summary.path(ids.get(rank));
            if (article.isMissingNode() || article.has("error")) {
                continue;
            }
            items.add(item(ids.get(rank), article, rank, ids.size(), count, term));
        }
        return items;
    }

    /** Plain words are cut to the first few that carry meaning; a query in PubMed syntax is passed on unchanged. */
    static String term(String query) {
        if (query == null) {
            return "";
        }
        String trimmed = query.trim();
        boolean syntax = trimmed.contains("[") || trimmed.contains("\"") || trimmed.contains("(")
                || Arrays.stream(trimmed.split("\\s+")).anyMatch(SYNTAX::contains);
        if (syntax) {
            return trimmed;
        }
        return Arrays.stream(trimmed.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}-]+"))
                .filter(w -> w.length() > 1 && !STOP_WORDS.contains(w)).distinct().limit(MAX_PLAIN_WORDS).collect(Collectors.joining(" "));
    }

    private EvidenceItem item(String pmid, JsonNode article, int rank, int of, String count, String term) {
        String title = article.path("title").asText("").strip();
        String journal = article.path("fulljournalname").asText(article.path("source").asText(""));
        String year = article.path("pubdate").asText("").length() >= 4 ? article.path("pubdate").asText().substring(0, 4) : "";
        List<String> names = StreamSupport.stream(article.path("authors").spliterator(), false)
                .map(a -> a.path("name").asText("")).filter(n -> !n.isBlank()).toList();
        String authors = names.isEmpty() ? "" : names.size() <= 3 ? String.join(", ", names) : String.join(", ", names.subList(0, 3)) + " et al.";
        String reference = String.join(". ", List.of(authors, journal, year).stream().filter(s -> !s.isBlank()).toList()) + ". PMID " + pmid;
        double relevance = of == 1 ? 1.0 : 1.0 - 0.5 * rank / (of - 1);
        String why = String.format(Locale.ROOT, "PubMed Best Match %d of %s for \"%s\"", rank + 1, count, term);
        LocalDate published = published(article);
        return new EvidenceItem("pubmed:" + pmid, NAME, reference, title, null, null, null, relevance, why,
                "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/", false, published == null ? null : published.toString(), null);
    }

    private static final Pattern PUBLICATION_DATE = Pattern.compile("^(\\d{4})(?:\\s+([A-Za-z]{3})[A-Za-z]*(?:\\s+(\\d{1,2})\\b)?)?");
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    /**
     * The day an article was first public: the earlier of its electronic ({@code epubdate}) and its issue's publication
     * date ({@code pubdate}). PubMed writes these as "2018 Nov 2", "2019 Mar", "2019 Mar-Apr" or "2017"; a missing month
     * or day counts as the first, as PubMed's own {@code sortpubdate} does, which stands in for a date written another
     * way ("2019 Spring"). {@code null} when none can be read.
     */
    static LocalDate published(JsonNode article) {
        LocalDate electronic = day(article.path("epubdate").asText(""));
        LocalDate issue = day(article.path("pubdate").asText(""));
        if (issue == null) {
            issue = sortDay(article.path("sortpubdate").asText(""));
        }
        if (electronic == null || issue == null) {
            return electronic == null ? issue : electronic;
        }
        return electronic.isBefore(issue) ? electronic : issue;
    }

    static LocalDate day(String text) {
        Matcher m = PUBLICATION_DATE.matcher(text.trim());
        if (!m.find()) {
            return null;
        }
        int month = 1;
        if (m.group(2) != null) {
            month = MONTHS.indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
            if (month == 0) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), month, m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** {@code sortpubdate}: "2019/03/01 00:00". */
    private static LocalDate sortDay(String text) {
        try {
            return text.length() >= 10 ? LocalDate.parse(text.substring(0, 10).replace('/', '-')) : null;
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String error(JsonNode node) {
        String message = node.path("ERROR").asText(node.path("error").asText(""));
        return message.isBlank() ? "." : ": " + message;
    }

    /** One E-utilities call, spaced, timed out and tried again as configured. */
    private JsonNode get(String utility, Map<String, String> parameters) {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        all.put("tool", properties.tool());
        all.put("email", properties.email());
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            all.put("api_key", properties.apiKey());
        }
        URI uri = URI.create(properties.baseUrl() + utility + "?" + all.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&")));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(properties.timeout()).header("Accept", "application/json").GET().build();
        String problem = null;
        Exception cause = null;
        Duration wait = properties.backoff();
        for (int attempt = 1; attempt <= properties.maxAttempts(); attempt++) {
            if (attempt > 1) {
                pause(wait);
                wait = wait.multipliedBy(2);
            }
            try {
                awaitTurn();
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 200) {
                    try {
                        return json.readTree(response.body());
                    } catch (IOException e) {
                        problem = "an unreadable answer (not JSON)";
                        cause = e;
                    }
                } else if (status == 429 || status >= 500) {
                    problem = "HTTP " + status + (status == 429 ? " (too many requests)" : "");
                    cause = null;
                    wait = retryAfter(response).orElse(wait);
                } else {
                    throw new EvidenceSourceUnavailable("PubMed refused the request with HTTP " + status + ".", null);
                }
            } catch (IOException e) {
                problem = e instanceof HttpTimeoutException ? "no answer within " + properties.timeout().toSeconds() + " s"
                        : "no connection (" + e.getClass().getSimpleName() + ")";
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EvidenceSourceUnavailable("The PubMed lookup was interrupted.", e);
            }
            LOG.warn("PubMed {} attempt {}/{}: {}", utility, attempt, properties.maxAttempts(), problem);
        }
        throw new EvidenceSourceUnavailable("PubMed gave " + problem + " after " + properties.maxAttempts() + " attempts.", cause);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(30, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Keeps requests of this node at least {@link PubMedProperties#minInterval()} apart. */
    private void awaitTurn() throws InterruptedException {
        long waitMillis;
        synchronized (this) {
            long now = System.currentTimeMillis();
            long at = Math.max(now, nextRequestAt);
            nextRequestAt = at + properties.minInterval().toMillis();
            waitMillis = at - now;
        }
        if (waitMillis > 0) {
            sleeper.sleep(Duration.ofMillis(waitMillis));
        }
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvidenceSourceUnavailable("The PubMed lookup was interrupted.", e);
        }
    }
}
