package org.learninghealth.cycle.portfolio;

import static org.learninghealth.cycle.project.CycleVariables.OVERSIGHT_PATHWAY;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.knowledge.EvidenceUses;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.oversight.OversightReviewProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

/**
 * Lead times from Camunda history. A project's time in a stage is the sum of the durations of that stage's
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

    private final HistoryService historyService;
    private final ApiCaller caller;
    private final KnowledgeRepository knowledge;
    private final EvidenceUses uses;

    public LeadTimeService(HistoryService historyService, ApiCaller caller, KnowledgeRepository knowledge, EvidenceUses uses) {
        this.historyService = historyService;
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
        Map<String, String> pathways = pathwaysOfReviews();
        List<Span> spans = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            // per project (process instance) and cycle: the stage's activities summed; a cycle ends the stage's span
            Map<String, Span> perInstance = new LinkedHashMap<>();
            for (String activity : stage.activities()) {
                for (HistoricActivityInstance a : historyService.createHistoricActivityInstanceQuery().activityId(activity).finished()
                        .finishedAfter(after).finishedBefore(before).list()) {
                    if (a.getDurationInMillis() == null) {
                        continue;
                    }
                    String pathway = stage == Stage.OVERSIGHT_REVIEW ? pathways.get(a.getCalledProcessInstanceId()) : null;
                    String key = stage == Stage.OVERSIGHT_REVIEW ? a.getId() : a.getProcessInstanceId();
                    Span span = new Span(stage, pathway, a.getDurationInMillis() / MILLIS_PER_DAY, a.getEndTime().toInstant());
                    perInstance.merge(key, span, (x, y) -> new Span(stage, x.pathway(), x.days() + y.days(), x.end().isAfter(y.end()) ? x.end() : y.end()));
                }
            }
            spans.addAll(perInstance.values());
        }
        List<Span> totals = totals(after, before);
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

    /** Challenge described to the (first) adoption decision of each project decided in the window. */
    private List<Span> totals(Date after, Date before) {
        Map<String, HistoricActivityInstance> firstDecision = new HashMap<>();
        for (HistoricActivityInstance a : historyService.createHistoricActivityInstanceQuery().activityId(LearningCycleProcess.TASK_DECIDE)
                .finished().finishedAfter(after).finishedBefore(before).list()) {
            firstDecision.merge(a.getProcessInstanceId(), a, (x, y) -> x.getEndTime().before(y.getEndTime()) ? x : y);
        }
        if (firstDecision.isEmpty()) {
            return List.of();
        }
        Map<String, Date> starts = new HashMap<>();
        historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).startedBefore(before).list()
                .forEach(p -> starts.put(p.getId(), p.getStartTime()));
        List<Span> totals = new ArrayList<>();
        firstDecision.forEach((instance, decision) -> {
            Date start = starts.get(instance);
            if (start != null) {
                totals.add(new Span(null, null, (decision.getEndTime().getTime() - start.getTime()) / MILLIS_PER_DAY, decision.getEndTime().toInstant()));
            }
        });
        return totals;
    }

    /** The pathway each oversight review ran on, from the review process's own variable. */
    private Map<String, String> pathwaysOfReviews() {
        Map<String, String> pathways = new HashMap<>();
        for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery().processDefinitionKey(OversightReviewProcess.KEY)
                .variableName(OVERSIGHT_PATHWAY).list()) {
            if (v.getValue() != null) {
                pathways.put(v.getProcessInstanceId(), v.getValue().toString());
            }
        }
        return pathways;
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
