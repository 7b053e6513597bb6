package org.learninghealth.cycle.knowledge;

import java.time.Instant;

/**
 * What one finished cycle learned, and which evidence its plan rested on ({@code evidenceUsed}). {@code demo} marks invented demonstration records, which are never real results.
 */
public record KnowledgeRecord(Long id, String projectKey, int cycleNumber, String title, String challenge, String setting,
                              String changeIdea, String measure, String result, String effect, String decision,
                              String rationale, String lessons, String evidenceUsed, boolean demo, Instant updatedAt) {
}
