package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.jfree.chart.JFreeChart;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.MeasurementRepository;
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

    public CycleChartService(HistoryService historyService, ApiCaller caller, MeasurementRepository measurements,
                             GoLiveRepository goLives, EvaluationService evaluation) {
        this.historyService = historyService;
        this.caller = caller;
        this.measurements = measurements;
        this.goLives = goLives;
        this.evaluation = evaluation;
    }

    private record Project(String key, int cycle, MeasureType type, Direction direction, String title, String measure, RuleSet rules,
                           Double target) {
    }

    /**
     * @param cycle the cycle to draw, or {@code null} for the project's current one
     * @param unit  one unit on its own, or {@code null} for the project as a whole
     */
    public byte[] png(String projectKey, Integer cycle, String unit) {
        Project p = project(projectKey, cycle);
        JFreeChart chart = unit == null ? overall(p) : unit(p, canonicalUnit(p, unit), false);
        return ChartRenderer.png(chart, ChartRenderer.WIDTH, ChartRenderer.HEIGHT);
    }

    /** Every unit with data of its own and a go-live, one chart each, in one PNG. */
    public byte[] unitsPng(String projectKey, Integer cycle) {
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

    private JFreeChart overall(Project p) {
        List<MeasurementPoint> series = measurements.series(p.key(), p.cycle(), p.type());
        List<UnitGoLive> live = goLives.goLives(p.key(), p.cycle());
        return chart(p, series, live, live.isEmpty() ? null : live.get(0).date(), p.key() + " · cycle " + p.cycle() + " · " + p.title(),
                p.key() + " cycle " + p.cycle(), "the first go-live");
    }

    private JFreeChart unit(Project p, String unit, boolean small) {
        List<MeasurementPoint> series = measurements.unitSeries(p.key(), p.cycle(), unit);
        List<UnitGoLive> live = goLives.goLives(p.key(), p.cycle()).stream().filter(g -> g.unit().equals(unit)).toList();
        String title = small ? unit : p.key() + " · cycle " + p.cycle() + " · " + unit;
        return chart(p, series, live, live.isEmpty() ? null : live.get(0).date(), title, unit + " in " + p.key() + " cycle " + p.cycle(), "its go-live");
    }

    private JFreeChart chart(Project p, List<MeasurementPoint> series, List<UnitGoLive> live, LocalDate split, String title, String subject,
                             String splitName) {
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
            chart = evaluation.analyse(p.type(), p.direction(), series,
                    ChartOptions.baselineAndIntervention(evaluation.rules(p.rules()), baseline, series.size(), p.target())).chart();
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("The chart of " + subject + " cannot be drawn: " + e.getMessage() + ".");
        }
        Map<LocalDate, String> notes = new LinkedHashMap<>();
        series.stream().filter(m -> m.note() != null).forEach(m -> notes.put(m.period(), m.note()));
        return ChartRenderer.draw(chart, new ChartRenderer.Labels(title, p.measure(), p.type()), live, notes);
    }

    private String canonicalUnit(Project p, String unit) {
        List<String> units = measurements.units(p.key(), p.cycle());
        return units.stream().filter(u -> u.equalsIgnoreCase(unit.trim())).findFirst().orElseThrow(() -> ApiException.notFound(
                "No data of unit '" + unit + "' in " + p.key() + " cycle " + p.cycle() + (units.isEmpty() ? "; its data are for all units together."
                        : "; units with data: " + String.join(", ", units) + ".")));
    }

    private Project project(String projectKey, Integer cycle) {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can see project charts.");
        Map<String, Object> v = caller.asSystem(() -> projectVariables(projectKey));
        int number = cycle != null ? cycle : ((Number) v.get(CYCLE_NUMBER)).intValue();
        return new Project(projectKey, number, MeasureType.of((String) v.get(MEASURE_TYPE)), Direction.of((String) v.get(IMPROVEMENT_DIRECTION)),
                (String) v.getOrDefault(TITLE, ""), (String) v.getOrDefault(MEASURE_NAME, "Measure"), RuleSet.of((String) v.get(SPC_RULES), null),
                v.get(AIM_TARGET) instanceof Number n ? n.doubleValue() : null);
    }

    /** The process-level variables of the project, read from history so finished projects have charts too. */
    private Map<String, Object> projectVariables(String projectKey) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(projectKey)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("No project " + projectKey + "."));
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(CYCLE_NUMBER, MEASURE_TYPE, IMPROVEMENT_DIRECTION, MEASURE_NAME, TITLE, SPC_RULES, AIM_TARGET).list().stream()
                .filter(v -> instance.getId().equals(v.getExecutionId()) && v.getValue() != null)
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> a));
    }
}
