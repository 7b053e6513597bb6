package org.learninghealth.cycle.evidence;

/**
 * One piece of evidence shown to the lead: where it came from, what it says and why it matched.
 *
 * @param id        stable identifier the lead's selection refers to: {@code local:<project key>/<cycle>} or
 *                  {@code pubmed:<PMID>}
 * @param reference a project key and cycle for local knowledge, a citation (authors, journal, year) for the literature
 * @param decision  adopt / adapt / abandon / halted / withdrawn of a local record; {@code null} for literature
 * @param score     relevance in [0, 1] on the merged list
 * @param link      the PubMed page of an article; {@code null} for local knowledge
 * @param demo      true for invented demonstration records (never a real result)
 * @param published the day an article was first public (ISO date), from PubMed; {@code null} for local knowledge or
 *                  when PubMed gives no day it can be read from
 * @param reusedBy  for a local record, how many later projects' plans rested on it; {@code null} for literature
 */
public record EvidenceItem(String id, String source, String reference, String title, String decision, String effect,
                           String lessons, double score, String why, String link, boolean demo, String published, Integer reusedBy) {

    EvidenceItem withScore(double newScore) {
        return new EvidenceItem(id, source, reference, title, decision, effect, lessons, newScore, why, link, demo, published, reusedBy);
    }
}
