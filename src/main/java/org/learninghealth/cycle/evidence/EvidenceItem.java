package org.learninghealth.cycle.evidence;

/**
 * One piece of evidence shown to the lead: where it came from, what it says and why it matched.
 *
 * @param reference a project key and cycle for local knowledge
 * @param demo      true for invented demonstration records (never a real result)
 */
public record EvidenceItem(String source, String reference, String title, String decision, String effect, String lessons,
                           double score, String why, boolean demo) {
}
