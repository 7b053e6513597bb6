package org.learninghealth.cycle.knowledge;

import java.util.List;

/**
 * A ranked knowledge record, why it matched (the fields and terms the query found in it), and how many later projects'
 * plans rested on it.
 */
public record KnowledgeHit(KnowledgeRecord record, float score, List<String> matchedFields, int reusedBy) {
}
