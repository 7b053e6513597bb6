package org.learninghealth.cycle.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
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

    private final KnowledgeRepository repository;
    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private String indexedVersion = "";
    private Instant indexedUpTo = Instant.EPOCH;

    public KnowledgeSearch(KnowledgeRepository repository) throws IOException {
        this.repository = repository;
        this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(analyzer));
        this.searchers = new SearcherManager(writer, null);
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
        refresh();
        try {
            Query query = query(text);
            IndexSearcher searcher = searchers.acquire();
            try {
                // count hits exactly only up to the page size: Lucene then skips blocks that cannot reach the top
                // (block-max WAND), so a search stays fast when common words match most of a large base
                ScoreDoc[] docs = searcher.search(query, new TopScoreDocCollectorManager(Math.max(1, limit), null, Math.max(1, limit))).scoreDocs;
                List<Long> ids = new ArrayList<>();
                for (ScoreDoc doc : docs) {
                    ids.add(Long.parseLong(searcher.storedFields().document(doc.doc).get("id")));
                }
                Map<Long, KnowledgeRecord> records = repository.byIds(ids);
                Set<String> terms = terms(text);
                List<KnowledgeHit> hits = new ArrayList<>();
                for (int i = 0; i < docs.length; i++) {
                    KnowledgeRecord record = records.get(ids.get(i));
                    if (record != null) {
                        hits.add(new KnowledgeHit(record, docs[i].score, why(record, terms)));
                    }
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
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
    private Query query(String text) {
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return new MatchAllDocsQuery();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.stream().limit(MAX_QUERY_TERMS).forEach(term -> FIELDS.forEach((field, boost) ->
                query.add(new BoostQuery(new TermQuery(new Term(field, term)), boost), BooleanClause.Occur.SHOULD)));
        return query.build();
    }

    /** Indexes what changed in the table since the last look. */
    synchronized void refresh() {
        String version = repository.version();
        if (version.equals(indexedVersion)) {
            return;
        }
        try {
            Instant upTo = indexedUpTo;
            for (KnowledgeRecord record : repository.changedSince(indexedUpTo)) {
                writer.updateDocument(new Term("id", record.id().toString()), document(record));
                if (record.updatedAt().isAfter(upTo)) {
                    upTo = record.updatedAt();
                }
            }
            writer.commit();
            searchers.maybeRefreshBlocking();
            indexedUpTo = upTo;
            indexedVersion = version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(KnowledgeRecord r) {
        Document doc = new Document();
        doc.add(new StringField("id", r.id().toString(), Field.Store.YES));
        Map<String, String> values = values(r);
        values.forEach((field, value) -> {
            if (value != null) {
                doc.add(new TextField(field, value, Field.Store.NO));
            }
        });
        return doc;
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

    /** The words of each field whose stem the query shares, as the person wrote them ("falls", not "fall"). */
    private List<String> why(KnowledgeRecord record, Set<String> queryTerms) {
        List<String> matched = new ArrayList<>();
        values(record).forEach((field, value) -> {
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

    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        if (text == null) {
            return terms;
        }
        try (TokenStream stream = analyzer.tokenStream("title", text)) {
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
