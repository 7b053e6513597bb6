package org.learninghealth.cycle.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * A Lucene index in memory that follows a table of the application: before each search it adds the rows added or
 * changed since it last looked, so every node of a cluster sees every node's rows. Each row is a document with its
 * id (stored) and its text fields (analysed with {@link KnowledgeSearch#ANALYZER}, not stored).
 *
 * @param <T> a row of the table
 */
final class TableIndex<T> {

    private final Supplier<String> version;
    private final Function<Instant, List<T>> changedSince;
    private final Function<T, String> id;
    private final Function<T, Instant> updatedAt;
    private final Function<T, Map<String, String>> fields;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private String indexedVersion = "";
    private Instant indexedUpTo = Instant.EPOCH;

    /**
     * @param version      a value of the table that changes whenever a row is added or changed
     * @param changedSince the rows added or changed since an instant
     * @param fields       field name -> text of a row (null for none)
     */
    TableIndex(Supplier<String> version, Function<Instant, List<T>> changedSince, Function<T, String> id, Function<T, Instant> updatedAt,
               Function<T, Map<String, String>> fields) {
        this.version = version;
        this.changedSince = changedSince;
        this.id = id;
        this.updatedAt = updatedAt;
        this.fields = fields;
        try {
            this.writer = new IndexWriter(new ByteBuffersDirectory(), new IndexWriterConfig(KnowledgeSearch.ANALYZER));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code search} on the index once it has caught up with the table. */
    <R> R search(Function<IndexSearcher, R> search) {
        refresh();
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return search.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stored id of a hit. */
    static String id(IndexSearcher searcher, int doc) {
        return io(() -> searcher.storedFields().document(doc).get("id"));
    }

    synchronized void refresh() {
        String now = version.get();
        if (now.equals(indexedVersion)) {
            return;
        }
        Instant upTo = indexedUpTo;
        for (T row : changedSince.apply(indexedUpTo)) {
            Document doc = new Document();
            doc.add(new StringField("id", id.apply(row), Field.Store.YES));
            fields.apply(row).forEach((field, value) -> {
                if (value != null) {
                    doc.add(new TextField(field, value, Field.Store.NO));
                }
            });
            io(() -> writer.updateDocument(new Term("id", id.apply(row)), doc));
            upTo = updatedAt.apply(row).isAfter(upTo) ? updatedAt.apply(row) : upTo;
        }
        io(writer::commit);
        io(() -> {
            searchers.maybeRefreshBlocking();
            return null;
        });
        indexedUpTo = upTo;
        indexedVersion = now;
    }

    private interface IoCall<R> {
        R call() throws IOException;
    }

    private static <R> R io(IoCall<R> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
