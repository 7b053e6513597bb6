package org.learninghealth.cycle.knowledge;

import java.time.Instant;

/**
 * What one finished cycle learned, and which evidence its plan rested on ({@code evidenceUsed}), and for an adopted change how it held up afterwards ({@code sustain}: for how long, at what level, and how monitoring ended) and where it held when it was spread to more units ({@code spread}). {@code demo} marks invented demonstration records, which are never real results.
 */
public record KnowledgeRecord(Long id, String projectKey, int cycleNumber, String title, String challenge, String setting,
                              String changeIdea, String measure, String result, String effect, String decision,
                              String rationale, String lessons, String evidenceUsed, String sustain, String partners, String spread, boolean demo,
                              Instant updatedAt) {
}
