package org.learninghealth.cycle.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.ScoreDoc;
import org.learninghealth.cycle.knowledge.ProjectChallenges.ProjectChallenge;
import org.springframework.stereotype.Service;
/**
 * The projects' challenges in a Lucene index ranked like the knowledge records ({@link KnowledgeSearch}: BM25, English
 * stemming, the same query and the same weights for the fields both have). In memory, following the table before each
 * search, so every node sees every node's projects.
 */
@Service
public class ProjectSearch {

    static final Map<String, Float> FIELDS = Map.of("title", KnowledgeSearch.FIELDS.get("title"), "challenge", KnowledgeSearch.FIELDS.get("challenge"),
            "measure", KnowledgeSearch.FIELDS.get("measure"), "setting", KnowledgeSearch.FIELDS.get("setting"));

    /** One project found, how well it matched and the words it shares with the query. */
    public record ProjectHit(ProjectChallenge project, float score, List<String> matchedFields) {
    }

    private final ProjectChallenges challenges;
    private final TableIndex<ProjectChallenge> index;

    public ProjectSearch(ProjectChallenges challenges) {
        this.challenges = challenges;
        this.index = new TableIndex<>(challenges::version, challenges::changedSince, ProjectChallenge::projectKey, ProjectChallenge::updatedAt,
                ProjectSearch::values);
    }

    /** @return up to {@code limit} projects other than {@code except}, best first; nothing for a blank query */
    public List<ProjectHit> search(String text, String except, int limit) {
        Set<String> terms = KnowledgeSearch.terms(text);
        if (terms.isEmpty()) {
            return List.of();
        }
        return index.search(searcher -> {
            ScoreDoc[] docs = KnowledgeSearch.search(searcher, KnowledgeSearch.query(text, FIELDS), limit + 1);
            List<String> keys = new ArrayList<>();
            for (ScoreDoc doc : docs) {
                keys.add(TableIndex.id(searcher, doc.doc));
            }
            Map<String, ProjectChallenge> found = challenges.byKeys(keys);
            List<ProjectHit> hits = new ArrayList<>();
            for (int i = 0; i < docs.length && hits.size() < limit; i++) {
                ProjectChallenge project = found.get(keys.get(i));
                if (project != null && !project.projectKey().equals(except)) {
                    hits.add(new ProjectHit(project, docs[i].score, KnowledgeSearch.why(values(project), terms)));
                }
            }
            return hits;
        });
    }

    private static Map<String, String> values(ProjectChallenge p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", p.title());
        v.put("challenge", p.challenge());
        v.put("measure", p.measure());
        v.put("setting", p.units());
        return v;
    }
}
