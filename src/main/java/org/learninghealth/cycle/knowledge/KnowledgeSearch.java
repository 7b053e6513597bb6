package org.learninghealth.cycle.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.springframework.stereotype.Service;

/**
 * Full-text search over the knowledge records with Lucene (BM25, English stemming). Title, challenge and change idea
 * weigh more than the rest. The index lives in memory and follows the table: before each search it picks up the
 * records added or changed since it last looked, so every node of a cluster sees every node's records.
 */
@Service
public class KnowledgeSearch {

    /** Field name -> boost. */
    static final Map<String, Float> FIELDS = fields();

    /** English stemming; the same for the knowledge records and the running projects ({@link ProjectSearch}). */
    static final Analyzer ANALYZER = new EnglishAnalyzer();

    private final KnowledgeRepository repository;
    private final EvidenceUses uses;
    private final TableIndex<KnowledgeRecord> index;

    public KnowledgeSearch(KnowledgeRepository repository, EvidenceUses uses) {
        this.repository = repository;
        this.uses = uses;
        this.index = new TableIndex<>(repository::version, repository::changedSince, r -> r.id().toString(), KnowledgeRecord::updatedAt,
                KnowledgeSearch::values);
    }

    private static Map<String, Float> fields() {
        Map<String, Float> f = new LinkedHashMap<>();
        f.put("title", 3f);
        f.put("challenge", 2f);
        f.put("changeIdea", 2f);
        f.put("measure", 1.5f);
        f.put("setting", 1f);
        f.put("lessons", 1f);
        f.put("result", 1f);
        return f;
    }

    /** @return up to {@code limit} records, best first; a blank query lists the latest records */
    public List<KnowledgeHit> search(String text, int limit) {
        Query query = query(text, FIELDS);
        return index.search(searcher -> {
            // count hits exactly only up to the page size: Lucene then skips blocks that cannot reach the top
            // (block-max WAND), so a search stays fast when common words match most of a large base
            ScoreDoc[] docs = search(searcher, query, limit);
            List<Long> ids = new ArrayList<>();
            for (ScoreDoc doc : docs) {
                ids.add(Long.parseLong(TableIndex.id(searcher, doc.doc)));
            }
            Map<Long, KnowledgeRecord> records = repository.byIds(ids);
            Map<String, Integer> reuses = uses.reuses(records.values().stream().map(KnowledgeSearch::evidenceId).toList());
            Set<String> terms = terms(text);
            List<KnowledgeHit> hits = new ArrayList<>();
            for (int i = 0; i < docs.length; i++) {
                KnowledgeRecord record = records.get(ids.get(i));
                if (record != null) {
                    hits.add(new KnowledgeHit(record, docs[i].score, why(record, terms), reuses.getOrDefault(evidenceId(record), 0)));
                }
            }
            return hits;
        });
    }

    /** How a plan refers to a record when it rests on it. */
    public static String evidenceId(KnowledgeRecord record) {
        return "local:" + record.projectKey() + "/" + record.cycleNumber();
    }

    /** The best {@code limit} hits, counted exactly only up to {@code limit}. */
    static ScoreDoc[] search(IndexSearcher searcher, Query query, int limit) {
        try {
            return searcher.search(query, new TopScoreDocCollectorManager(Math.max(1, limit), null, Math.max(1, limit))).scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Most distinct query words used; a pasted page of text is cut to its first words. */
    static final int MAX_QUERY_TERMS = 100;

    /**
     * One flat disjunction of (field:stem)^boost clauses. It scores as the per-term, per-field sum of BM25, and being
     * flat lets Lucene skip whole blocks of documents that cannot reach the top (block-max WAND), which keeps the cost
     * of a search nearly flat as the knowledge base grows.
     */
    static Query query(String text, Map<String, Float> fields) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.stream().limit(MAX_QUERY_TERMS).forEach(term -> fields.forEach((field, boost) ->
                query.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD)));
        return query.build();
    }

    /** Indexes what changed in the table since the last look. */
    void refresh() {
        index.refresh();
    }

    private static Map<String, String> values(KnowledgeRecord r) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("title", r.title());
        v.put("challenge", r.challenge());
        v.put("changeIdea", r.changeIdea());
        v.put("measure", r.measure());
        v.put("setting", r.setting());
        v.put("lessons", r.lessons());
        v.put("result", r.result());
        v.put("sustain", r.sustain());
        v.put("partners", r.partners());
        return v;
    }

    private static List<String> why(KnowledgeRecord record, Set<String> queryTerms) {
        return why(values(record), queryTerms);
    }

    /** The words of each field whose stem the query shares, as the person wrote them ("falls", not "fall"). */
    static List<String> why(Map<String, String> values, Set<String> queryTerms) {
        List<String> matched = new ArrayList<>();
        values.forEach((field, value) -> {
            if (value != null) {
                Set<String> words = new LinkedHashSet<>();
                for (String word : value.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (!word.isEmpty() && terms(word).stream().anyMatch(queryTerms::contains)) {
                        words.add(word);
                    }
                }
                if (!words.isEmpty()) {
                    matched.add(field + ": " + String.join(", ", words));
                }
            }
        });
        return matched;
    }

    static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        try (TokenStream stream = ANALYZER.tokenStream("title", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
