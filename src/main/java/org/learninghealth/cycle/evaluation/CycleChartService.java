package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.jfree.chart.JFreeChart;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.MeasurementRepository;
import org.learninghealth.cycle.partners.PatientInterpretationProcess;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.rollout.GoLiveRepository;
import org.learninghealth.cycle.rollout.UnitGoLive;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.stereotype.Service;

import static org.learninghealth.cycle.project.CycleVariables.*;

/**
 * The control charts of a project's cycle, drawn from the stored measurements and go-lives, for the interpretation
 * and decision forms and {@code GET /api/cycles/{key}/chart.png}: the project as a whole (units summed per period,
 * baseline before the first go-live), one unit (its own baseline before its own go-live), or every unit as small
 * multiples. Measurements are aggregate counts, not patient data, so every member of a Learning Cycle role may see
 * every project's chart.
 */
@Service
public class CycleChartService {

    static final int UNIT_HEIGHT = 340;

    private final HistoryService historyService;
    private final ApiCaller caller;
    private final MeasurementRepository measurements;
    private final GoLiveRepository goLives;
    private final EvaluationService evaluation;
    private final TaskService tasks;

    public CycleChartService(HistoryService historyService, ApiCaller caller, MeasurementRepository measurements,
                             GoLiveRepository goLives, EvaluationService evaluation, TaskService tasks) {
        this.historyService = historyService;
        this.tasks = tasks;
        this.caller = caller;
        this.measurements = measurements;
        this.goLives = goLives;
        this.evaluation = evaluation;
    }

    /** @param evaluatedThrough the last period the cycle's evaluation used, while the cycle is the project's current one */
    private record Project(String key, int cycle, MeasureType type, Direction direction, String title, String measure, RuleSet rules,
                           Double target, LocalDate evaluatedThrough) {
    }

    /**
     * @param cycle the cycle to draw, or {@code null} for the project's current one
     * @param unit  one unit on its own, or {@code null} for the project as a whole
     */
    public byte[] png(String projectKey, Integer cycle, String unit) {
        boolean partner = unit == null && partnerAskedAbout(projectKey);
        if (!partner) {
            staffOnly();
        }
        Project p = project(projectKey, cycle);
        // the notes on the data are staff's words: not for the partners
        JFreeChart chart = unit == null ? overall(p, !partner) : unit(p, canonicalUnit(p, unit), false);
        return ChartRenderer.png(chart, ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
    }

    /**
     * The chart of a cycle as the public learning page shows it: without the notes on the data. The caller has checked
     * that the project was shared.
     */
    public byte[] publicPng(String projectKey, int cycle) {
        return ChartRenderer.png(overall(project(projectKey, cycle), false), ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
    }

    /** A patient and family partner sees the overall chart of a project while asked what its results mean for patients. */
    private boolean partnerAskedAbout(String projectKey) {
        Authentication user = caller.require();
        return !ApiCaller.inAnyGroup(user, Roles.ALL) && ApiCaller.inAnyGroup(user, List.of(Roles.PATIENT_PARTNERS))
                && caller.asSystem(() -> tasks.createTaskQuery().processInstanceBusinessKey(projectKey)
                .taskDefinitionKey(PatientInterpretationProcess.TASK_INTERPRET).taskCandidateGroup(Roles.PATIENT_PARTNERS)
                .includeAssignedTasks().count() > 0);
    }

    private void staffOnly() {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can see project charts (patient and family partners the chart"
                + " of a project while they are asked about its results).");
    }

    /** Every unit with data of its own and a go-live, one chart each, in one PNG. */
    public byte[] unitsPng(String projectKey, Integer cycle) {
        staffOnly();
        Project p = project(projectKey, cycle);
        List<JFreeChart> charts = new ArrayList<>();
        for (String unit : measurements.units(p.key(), p.cycle())) {
            if (goLives.goLives(p.key(), p.cycle()).stream().anyMatch(g -> g.unit().equals(unit))) {
                charts.add(unit(p, unit, true));
            }
        }
        if (charts.isEmpty()) {
            throw ApiException.notFound(p.key() + " cycle " + p.cycle() + " has no unit with data of its own and a go-live yet.");
        }
        return ChartRenderer.stacked(charts, ChartRenderer.WIDTH, UNIT_HEIGHT);
    }

    /**
     * The project's whole story in one chart: cycle 1's baseline, then a phase from each cycle's first go-live, each
     * with its own centre line and limits. An adapted cycle adds the periods after those of the cycles before it (a
     * period measured again for a later cycle keeps the value the earlier cycle was judged on); its periods before
     * its own go-live belong to the phase of the cycle before. While the adopted change is monitored, the last phase
     * keeps the limits of the periods its evaluation judged. All cycles are read as the current cycle's measure.
     */
    public ControlChart story(String projectKey) {
        staffOnly();
        return storyOf(project(projectKey, null)).chart();
    }

    public byte[] storyPng(String projectKey) {
        staffOnly();
        Project p = project(projectKey, null);
        Story story = storyOf(p);
        Map<LocalDate, String> notes = new LinkedHashMap<>();
        story.series().stream().filter(m -> m.note() != null).forEach(m -> notes.put(m.period(), m.note()));
        return ChartRenderer.png(ChartRenderer.draw(story.chart(), new ChartRenderer.Labels(p.key() + " · cycles 1 to " + p.cycle() + " · " + p.title(),
                p.measure(), p.type()), story.goLives(), notes), ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
    }

    private record Story(List<MeasurementPoint> series, List<UnitGoLive> goLives, ControlChart chart) {
    }

    private Story storyOf(Project p) {
        List<MeasurementPoint> series = new ArrayList<>();
        List<UnitGoLive> live = new ArrayList<>();
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int c = 1; c <= p.cycle(); c++) {
            LocalDate after = series.isEmpty() ? null : series.get(series.size() - 1).period();
            measurements.series(p.key(), c, p.type()).stream().filter(m -> after == null || m.period().isAfter(after)).forEach(series::add);
            List<UnitGoLive> cycleLive = goLives.goLives(p.key(), c);
            live.addAll(cycleLive);
            if (!cycleLive.isEmpty()) {
                LocalDate goLive = cycleLive.get(0).date();
                int start = (int) series.stream().filter(m -> m.period().isBefore(goLive)).count();
                if (start >= starts.get(starts.size() - 1) + 2 && start < series.size()) {   // every phase needs two points of its own
                    starts.add(start);
                }
            }
        }
        if (series.isEmpty()) {
            throw ApiException.notFound("No measurements are stored for " + p.key() + " yet.");
        }
        if (starts.size() < 2) {
            throw ApiException.conflict(p.key() + " has no go-live with at least 2 periods before it yet; the story starts with a baseline.");
        }
        List<Phase> phases = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            phases.add(Phase.from(starts.get(i)));
        }
        int last = starts.get(starts.size() - 1);
        if (p.evaluatedThrough() != null) {
            int judged = (int) series.stream().filter(m -> !m.period().isAfter(p.evaluatedThrough())).count() - last;
            if (judged >= 2 && last + judged < series.size()) {
                phases.set(phases.size() - 1, new Phase(last, judged));
            }
        }
        try {
            return new Story(series, live, evaluation.chart(p.type(), p.direction(), series, new ChartOptions(evaluation.rules(p.rules()), phases, p.target())));
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("The story of " + p.key() + " cannot be drawn: " + e.getMessage() + ".");
        }
    }

    private JFreeChart overall(Project p, boolean withNotes) {
        List<MeasurementPoint> series = measurements.series(p.key(), p.cycle(), p.type());
        List<UnitGoLive> live = goLives.goLives(p.key(), p.cycle());
        return chart(p, series, live, live.isEmpty() ? null : live.get(0).date(), p.key() + " · cycle " + p.cycle() + " · " + p.title(),
                p.key() + " cycle " + p.cycle(), "the first go-live", p.evaluatedThrough(), withNotes);
    }

    private JFreeChart unit(Project p, String unit, boolean small) {
        List<MeasurementPoint> series = measurements.unitSeries(p.key(), p.cycle(), unit);
        List<UnitGoLive> live = goLives.goLives(p.key(), p.cycle()).stream().filter(g -> g.unit().equals(unit)).toList();
        String title = small ? unit : p.key() + " · cycle " + p.cycle() + " · " + unit;
        return chart(p, series, live, live.isEmpty() ? null : live.get(0).date(), title, unit + " in " + p.key() + " cycle " + p.cycle(), "its go-live",
                null, true);
    }

    private JFreeChart chart(Project p, List<MeasurementPoint> series, List<UnitGoLive> live, LocalDate split, String title, String subject,
                             String splitName, LocalDate evaluatedThrough, boolean withNotes) {
        if (series.isEmpty()) {
            throw ApiException.notFound("No measurements are stored for " + subject + " yet.");
        }
        int baseline = split == null ? series.size() : (int) series.stream().filter(m -> m.period().isBefore(split)).count();
        if (baseline < 2) {
            throw ApiException.conflict(subject + " has " + baseline + " period(s) before " + splitName + " on " + split
                    + "; the chart needs at least 2 baseline periods to set its centre line and limits.");
        }
        ControlChart chart;
        try {
            RuleSet rules = evaluation.rules(p.rules());
            int evaluated = evaluatedThrough == null ? series.size() : (int) series.stream().filter(m -> !m.period().isAfter(evaluatedThrough)).count();
            // after the evaluation (while sustaining) the intervention's limits stay those of the periods it judged
            chart = evaluation.analyse(p.type(), p.direction(), series, evaluated < series.size() && evaluated > baseline
                    ? ChartOptions.adopted(rules, baseline, evaluated - baseline, p.target())
                    : ChartOptions.baselineAndIntervention(rules, baseline, series.size(), p.target())).chart();
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("The chart of " + subject + " cannot be drawn: " + e.getMessage() + ".");
        }
        Map<LocalDate, String> notes = new LinkedHashMap<>();
        series.stream().filter(m -> withNotes && m.note() != null).forEach(m -> notes.put(m.period(), m.note()));
        return ChartRenderer.draw(chart, new ChartRenderer.Labels(title, p.measure(), p.type()), live, notes);
    }

    private String canonicalUnit(Project p, String unit) {
        List<String> units = measurements.units(p.key(), p.cycle());
        return units.stream().filter(u -> u.equalsIgnoreCase(unit.trim())).findFirst().orElseThrow(() -> ApiException.notFound(
                "No data of unit '" + unit + "' in " + p.key() + " cycle " + p.cycle() + (units.isEmpty() ? "; its data are for all units together."
                        : "; units with data: " + String.join(", ", units) + ".")));
    }

    private Project project(String projectKey, Integer cycle) {
        Map<String, Object> v = caller.asSystem(() -> projectVariables(projectKey));
        int number = cycle != null ? cycle : ((Number) v.get(CYCLE_NUMBER)).intValue();
        return new Project(projectKey, number, MeasureType.of((String) v.get(MEASURE_TYPE)), Direction.of((String) v.get(IMPROVEMENT_DIRECTION)),
                (String) v.getOrDefault(TITLE, ""), (String) v.getOrDefault(MEASURE_NAME, "Measure"), RuleSet.of((String) v.get(SPC_RULES), null),
                v.get(AIM_TARGET) instanceof Number n ? n.doubleValue() : null,
                number == ((Number) v.get(CYCLE_NUMBER)).intValue() && v.get(EVALUATED_THROUGH) != null ? LocalDate.parse(v.get(EVALUATED_THROUGH).toString()) : null);
    }

    /** The process-level variables of the project, read from history so finished projects have charts too. */
    private Map<String, Object> projectVariables(String projectKey) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(projectKey)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("No project " + projectKey + "."));
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(CYCLE_NUMBER, MEASURE_TYPE, IMPROVEMENT_DIRECTION, MEASURE_NAME, TITLE, SPC_RULES, AIM_TARGET, EVALUATED_THROUGH).list().stream()
                .filter(v -> instance.getId().equals(v.getExecutionId()) && v.getValue() != null)
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> a));
    }
}
