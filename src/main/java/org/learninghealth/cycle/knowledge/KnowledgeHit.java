package org.learninghealth.cycle.knowledge;

import java.util.List;

/** A ranked knowledge record and why it matched (the fields and terms the query found in it). */
public record KnowledgeHit(KnowledgeRecord record, float score, List<String> matchedFields) {
}
