package org.learninghealth.cycle.portfolio;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.knowledge.EvidenceUses;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Lead times from the finished activities of each stage ({@link StageActivities}, written as Camunda's history is). A project's time in a stage is the sum of the durations of that stage's
 * activities in one cycle (loops such as clarification or modifications add up); oversight review is also split by
 * pathway. The total runs from the challenge to the adoption decision. Only stages finished within the window count,
 * each in the quarter it finished in. From the literature to practice comes from the application's tables: the
 * evidence each plan rested on and the adoption decisions ({@link LeadTimes.EvidenceToPractice}). Managers and administrators only: lead times are about the organisation.
 */
@Service
public class LeadTimeService {

    static final double MILLIS_PER_DAY = 86_400_000d;

    /** A quality committee asks how many adopted changes still hold a year on. */
    static final int SUSTAINED_AFTER_MONTHS = 12;

    private final JdbcTemplate jdbc;
    private final ApiCaller caller;
    private final KnowledgeRepository knowledge;
    private final EvidenceUses uses;

    public LeadTimeService(JdbcTemplate jdbc, ApiCaller caller, KnowledgeRepository knowledge, EvidenceUses uses) {
        this.jdbc = jdbc;
        this.uses = uses;
        this.caller = caller;
        this.knowledge = knowledge;
    }

    /** Of the changes adopted at least 12 months before {@code asOf}, how many still held 12 months after adoption. */
    public KnowledgeRepository.SustainShare sustainShare(LocalDate asOf) {
        caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS), "The sustain figures are for managers and administrators.");
        return knowledge.sustainShare(asOf, SUSTAINED_AFTER_MONTHS);
    }

    public LeadTimes leadTimes(LocalDate from, LocalDate to) {
        caller.requireAnyGroup(List.of(Roles.MANAGERS, Roles.ADMINS), "Lead times are for managers and administrators.");
        if (from.isAfter(to)) {
            throw ApiException.badRequest("The window starts (" + from + ") after it ends (" + to + ").");
        }
        return caller.asSystem(() -> compute(from, to));
    }

    /** One finished stage of one project: how long, when it ended, and for oversight its pathway. */
    record Span(Stage stage, String pathway, double days, Instant end) {
    }

    private LeadTimes compute(LocalDate from, LocalDate to) {
        Date after = Date.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        Date before = Date.from(to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        List<Span> spans = StageActivities.spans(jdbc, new Timestamp(after.getTime()), new Timestamp(before.getTime()));
        List<Span> totals = StageActivities.toFirstDecision(jdbc, new Timestamp(after.getTime()), new Timestamp(before.getTime()));
        List<LeadTimes.StageTime> stageTimes = stageTimes(spans);
        // sustaining is wanted to last long, and a spread and the closure come after the decision: none is a bottleneck
        String bottleneck = stageTimes.stream().filter(s -> s.pathway() == null && s.medianDays() != null
                        && Stage.named(s.stage()).map(stage -> !stage.afterTheDecision()).orElse(true))
                .max(Comparator.comparingDouble(LeadTimes.StageTime::medianDays)).map(LeadTimes.StageTime::stage).orElse(null);
        return new LeadTimes(from, to, stageTimes, stat("Challenge to decision", null, totals), bottleneck, quarters(spans, totals),
                evidenceToPractice(after.toInstant(), before.toInstant()));
    }

    static final String TO_DECISION = "Publication to adoption decision";
    static final String TO_LAST_UNIT = "Publication to last unit live";

    /** The adoptions of the window, each counted once by what its plan rested on, in the quarter it was decided in. */
    private LeadTimes.EvidenceToPractice evidenceToPractice(Instant after, Instant before) {
        List<EvidenceUses.Adoption> adoptions = uses.adoptions(after, before);
        TreeMap<String, List<EvidenceUses.Adoption>> byQuarter = new TreeMap<>();
        adoptions.forEach(a -> byQuarter.computeIfAbsent(quarter(a.decidedAt()), q -> new ArrayList<>()).add(a));
        List<LeadTimes.EvidenceQuarter> quarters = new ArrayList<>();
        byQuarter.forEach((q, of) -> quarters.add(new LeadTimes.EvidenceQuarter(q, of.size(), onLiterature(of), onLocalOnly(of),
                stat(TO_DECISION, null, toDecision(of)), stat(TO_LAST_UNIT, null, toLastUnitLive(of)))));
        EvidenceUses.Reuse reuse = uses.reuse(after, before);
        return new LeadTimes.EvidenceToPractice(adoptions.size(), onLiterature(adoptions), onLocalOnly(adoptions),
                (int) adoptions.stream().filter(a -> a.articles() == 0 && a.localRecords() == 0).count(),
                stat(TO_DECISION, null, toDecision(adoptions)), stat(TO_LAST_UNIT, null, toLastUnitLive(adoptions)), reuse.plans(), reuse.records(),
                quarters);
    }

    private static int onLiterature(List<EvidenceUses.Adoption> adoptions) {
        return (int) adoptions.stream().filter(a -> a.articles() > 0).count();
    }

    private static int onLocalOnly(List<EvidenceUses.Adoption> adoptions) {
        return (int) adoptions.stream().filter(a -> a.articles() == 0 && a.localRecords() > 0).count();
    }

    private static List<Span> toDecision(List<EvidenceUses.Adoption> adoptions) {
        return adoptions.stream().filter(a -> a.latestPublished() != null)
                .map(a -> new Span(null, null, ChronoUnit.DAYS.between(a.latestPublished(), a.decidedAt().atZone(ZoneOffset.UTC).toLocalDate()),
                        a.decidedAt())).toList();
    }

    private static List<Span> toLastUnitLive(List<EvidenceUses.Adoption> adoptions) {
        return adoptions.stream().filter(a -> a.latestPublished() != null && a.lastUnitLive() != null)
                .map(a -> new Span(null, null, ChronoUnit.DAYS.between(a.latestPublished(), a.lastUnitLive()), a.decidedAt())).toList();
    }

    private static List<LeadTimes.StageTime> stageTimes(List<Span> spans) {
        List<LeadTimes.StageTime> result = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<Span> of = spans.stream().filter(s -> s.stage() == stage).toList();
            result.add(stat(stage.label(), null, of));
            if (stage == Stage.OVERSIGHT_REVIEW) {
                new TreeMap<>(of.stream().filter(s -> s.pathway() != null).collect(java.util.stream.Collectors.groupingBy(Span::pathway)))
                        .forEach((pathway, byPathway) -> result.add(stat(stage.label(), pathway, byPathway)));
            }
        }
        return result;
    }

    private static List<LeadTimes.Quarter> quarters(List<Span> spans, List<Span> totals) {
        TreeMap<String, List<Span>> stagesByQuarter = new TreeMap<>();
        spans.forEach(s -> stagesByQuarter.computeIfAbsent(quarter(s.end()), q -> new ArrayList<>()).add(s));
        TreeMap<String, List<Span>> totalsByQuarter = new TreeMap<>();
        totals.forEach(s -> totalsByQuarter.computeIfAbsent(quarter(s.end()), q -> new ArrayList<>()).add(s));
        TreeMap<String, Boolean> all = new TreeMap<>();
        stagesByQuarter.keySet().forEach(q -> all.put(q, true));
        totalsByQuarter.keySet().forEach(q -> all.put(q, true));
        List<LeadTimes.Quarter> quarters = new ArrayList<>();
        for (String q : all.keySet()) {
            List<Span> decided = totalsByQuarter.getOrDefault(q, List.of());
            List<LeadTimes.StageTime> stageTimes = new ArrayList<>();
            for (Stage stage : Stage.values()) {
                stageTimes.add(stat(stage.label(), null, stagesByQuarter.getOrDefault(q, List.of()).stream().filter(s -> s.stage() == stage).toList()));
            }
            quarters.add(new LeadTimes.Quarter(q, percentile(decided, 50), decided.size(), stageTimes));
        }
        return quarters;
    }

    static String quarter(Instant end) {
        LocalDate day = end.atZone(ZoneOffset.UTC).toLocalDate();
        return day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1);
    }

    private static LeadTimes.StageTime stat(String stage, String pathway, List<Span> spans) {
        return new LeadTimes.StageTime(stage, pathway, percentile(spans, 50), percentile(spans, 75), spans.size());
    }

    static Double percentile(List<Span> spans, double p) {
        if (spans.isEmpty()) {
            return null;
        }
        double value = new Percentile().withEstimationType(EstimationType.R_7).evaluate(spans.stream().mapToDouble(Span::days).toArray(), p);
        return Math.round(value * 100) / 100.0;
    }
}
