package org.learninghealth.cycle.evidence;

import java.util.List;
import org.learninghealth.cycle.knowledge.KnowledgeHit;
import org.learninghealth.cycle.knowledge.KnowledgeSearch;
import org.springframework.stereotype.Component;

/** The knowledge records of earlier cycles, ranked by the Lucene search. */
@Component
public class LocalKnowledgeSource implements EvidenceSource {

    public static final String NAME = org.learninghealth.cycle.knowledge.EvidenceUses.LOCAL_KNOWLEDGE;

    private final KnowledgeSearch knowledge;

    public LocalKnowledgeSource(KnowledgeSearch knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<EvidenceItem> search(String query, int limit) {
        List<KnowledgeHit> hits = knowledge.search(query, limit);
        double best = hits.stream().mapToDouble(KnowledgeHit::score).max().orElse(1);
        return hits.stream().map(hit -> item(hit, best <= 0 ? 1 : best)).toList();
    }

    private static EvidenceItem item(KnowledgeHit hit, double best) {
        var r = hit.record();
        String title = r.demo() ? "[demo data] " + r.title() : r.title();
        String why = hit.matchedFields().isEmpty() ? "recent record" : String.join("; ", hit.matchedFields());
        // how an adopted change held up is a lesson too
        String lessons = r.sustain() == null ? r.lessons() : (r.lessons() == null ? "" : r.lessons() + "\n\n") + "After adoption: " + r.sustain();
        if (r.spread() != null) {
            lessons = (lessons == null ? "" : lessons + "\n\n") + "Spread: " + r.spread();
        }
        return new EvidenceItem(KnowledgeSearch.evidenceId(r), NAME, r.projectKey() + " cycle " + r.cycleNumber(), title,
                r.decision(), r.effect(), lessons, hit.score() / best, why, null, r.demo(), null, hit.reusedBy());
    }
}
