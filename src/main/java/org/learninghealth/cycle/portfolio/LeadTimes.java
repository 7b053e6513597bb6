package org.learninghealth.cycle.portfolio;

import java.time.LocalDate;
import java.util.List;

/**
 * How long learning takes, from Camunda history over a window of completion dates.
 *
 * @param stages     per stage the time projects spent in it (days; median, 75th percentile, count)
 * @param total      challenge described to adoption decision
 * @param bottleneck the stage with the longest median
 * @param quarters   the same medians per calendar quarter, oldest first, to show whether the organisation gets faster
 * @param evidenceToPractice the adoptions decided in the window and how long after the literature they rested on
 */
public record LeadTimes(LocalDate from, LocalDate to, List<StageTime> stages, StageTime total, String bottleneck, List<Quarter> quarters,
                        EvidenceToPractice evidenceToPractice) {

    /**
     * Percentiles interpolate between ranks (R type 7, as Excel's PERCENTILE.INC); {@code null} without data.
     *
     * @param pathway the oversight pathway, for the oversight review split by pathway; {@code null} otherwise
     */
    public record StageTime(String stage, String pathway, Double medianDays, Double p75Days, int count) {
    }

    public record Quarter(String quarter, Double medianTotalDays, int decisions, List<StageTime> stages) {
    }

    /**
     * From the literature to practice, for the changes adopted in the window (demo records never count). A plan rests on
     * every article the lead ticked in any cycle of the project up to the adopting one, so the clock starts at the newest
     * of them: the day it was first public. Both spans end in the adopting cycle: the adoption decision, and the day its
     * last unit went live (spread units included).
     *
     * @param adoptions             changes adopted in the window
     * @param onLiterature          of those, resting on at least one PubMed article
     * @param onLocalKnowledgeOnly  resting on the organisation's own knowledge records and no article
     * @param onNoEvidence          the lead ticked nothing
     * @param publicationToDecision days, over the adoptions on literature whose publication date is known
     * @param plansReusingKnowledge plans submitted in the window that rested on another project's knowledge record
     * @param knowledgeRecordsReused how many distinct records those plans reused
     * @param quarters              the same per quarter of the adoption decision, oldest first
     */
    public record EvidenceToPractice(int adoptions, int onLiterature, int onLocalKnowledgeOnly, int onNoEvidence,
                                     StageTime publicationToDecision, StageTime publicationToLastUnitLive, int plansReusingKnowledge,
                                     int knowledgeRecordsReused, List<EvidenceQuarter> quarters) {
    }

    public record EvidenceQuarter(String quarter, int adoptions, int onLiterature, int onLocalKnowledgeOnly, StageTime publicationToDecision,
                                  StageTime publicationToLastUnitLive) {
    }
}
