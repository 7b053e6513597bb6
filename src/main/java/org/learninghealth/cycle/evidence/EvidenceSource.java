package org.learninghealth.cycle.evidence;

import java.util.List;

/** Somewhere evidence comes from: the organisation's own knowledge records, or the literature. */
public interface EvidenceSource {

    /** The name shown with each hit, e.g. "Local knowledge" or "PubMed". */
    String name();

    /**
     * @return up to {@code limit} hits, best first, each with a relevance in [0, 1] relative to this source's best
     * @throws EvidenceSourceUnavailable when the source cannot answer, after its own retries
     */
    List<EvidenceItem> search(String query, int limit);
}
