package org.learninghealth.cycle.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Asks every evidence source (local knowledge always, PubMed when enabled), merges the hits into one ranked list and
 * removes duplicates. Each source's relevance is scaled to its own best hit and weighted: the organisation's own
 * experience first on equal relevance. A source that cannot answer does not stop the lookup: its hits are missing
 * and a notice says so.
 */
@Service
public class EvidenceService {

    static final int LIMIT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(EvidenceService.class);
    private static final Map<String, Double> WEIGHT = Map.of(LocalKnowledgeSource.NAME, 1.0, PubMedSource.NAME, 0.9);

    /** The merged hits and what the lead should know about sources that did not answer. */
    public record Lookup(List<EvidenceItem> items, List<String> notices) {
    }

    private final List<EvidenceSource> sources;

    public EvidenceService(List<EvidenceSource> sources) {
        this.sources = sources;
    }

    /** The query a lookup starts from when the lead has not written one: the challenge's own words. */
    public static String query(String title, String problem, String measure, String setting) {
        return Stream.of(title, problem, measure, setting).filter(Objects::nonNull).filter(s -> !s.isBlank())
                .collect(Collectors.joining(" "));
    }

    public Lookup lookUp(String query) {
        List<EvidenceItem> all = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        for (EvidenceSource source : sources) {
            try {
                double weight = WEIGHT.getOrDefault(source.name(), 0.8);
                source.search(query, LIMIT).forEach(item -> all.add(item.withScore(Math.round(item.score() * weight * 100) / 100.0)));
            } catch (EvidenceSourceUnavailable e) {
                LOG.warn("Evidence source {} unavailable: {}", source.name(), e.getMessage());
                notices.add(source.name() + " could not be searched: " + e.getMessage()
                        + " The evidence below comes from the other sources; tick \"Look up evidence again\" to try once more.");
            }
        }
        Map<String, EvidenceItem> unique = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparingDouble(EvidenceItem::score).reversed()
                        .thenComparing(i -> !LocalKnowledgeSource.NAME.equals(i.source())))
                .forEach(item -> unique.putIfAbsent(key(item), item));
        return new Lookup(List.copyOf(unique.values()), List.copyOf(notices));
    }

    /** The same record or article found twice counts once (ids name the source: local:..., pubmed:PMID). */
    private static String key(EvidenceItem item) {
        return item.id();
    }
}
