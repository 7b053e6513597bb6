package org.learninghealth.cycle.evidence;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.learninghealth.cycle.knowledge.KnowledgeHit;
import org.learninghealth.cycle.knowledge.KnowledgeSearch;
import org.springframework.stereotype.Service;

/**
 * Looks up evidence for a challenge: ranked knowledge records of earlier cycles. The query is built from the
 * challenge's title, problem, measure and setting.
 */
@Service
public class EvidenceService {

    static final String LOCAL_KNOWLEDGE = "Local knowledge";
    static final int LIMIT = 10;

    private final KnowledgeSearch knowledge;

    public EvidenceService(KnowledgeSearch knowledge) {
        this.knowledge = knowledge;
    }

    public static String query(String title, String problem, String measure, String setting) {
        return Stream.of(title, problem, measure, setting).filter(Objects::nonNull).filter(s -> !s.isBlank())
                .collect(Collectors.joining(" "));
    }

    public List<EvidenceItem> lookUp(String query) {
        return knowledge.search(query, LIMIT).stream().map(EvidenceService::item).toList();
    }

    private static EvidenceItem item(KnowledgeHit hit) {
        var r = hit.record();
        String title = r.demo() ? "[demo data] " + r.title() : r.title();
        return new EvidenceItem(LOCAL_KNOWLEDGE, r.projectKey() + " cycle " + r.cycleNumber(), title, r.decision(), r.effect(),
                r.lessons(), Math.round(hit.score() * 100) / 100.0, String.join("; ", hit.matchedFields()), r.demo());
    }
}
