package org.learninghealth.cycle.evaluation;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
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
 * The control chart of a project's cycle, drawn from the stored measurements and go-lives, for the interpretation
 * form and {@code GET /api/cycles/{key}/chart.png}. Measurements are aggregate counts, not patient data, so every
 * member of a Learning Cycle role may see every project's chart.
 */
@Service
public class CycleChartService {

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

    /** @param cycle the cycle to draw, or {@code null} for the project's current one */
    public byte[] png(String projectKey, Integer cycle) {
        caller.requireAnyGroup(Roles.ALL, "Only members of " + Roles.ALL + " can see project charts.");
        Map<String, Object> project = caller.asSystem(() -> projectVariables(projectKey));
        int number = cycle != null ? cycle : ((Number) project.get(CYCLE_NUMBER)).intValue();
        MeasureType type = MeasureType.of((String) project.get(MEASURE_TYPE));
        Direction direction = Direction.of((String) project.get(IMPROVEMENT_DIRECTION));
        List<MeasurementPoint> series = measurements.series(projectKey, number, type);
        if (series.isEmpty()) {
            throw ApiException.notFound("No measurements are stored for " + projectKey + " cycle " + number + " yet.");
        }
        List<UnitGoLive> live = goLives.goLives(projectKey, number);
        int baseline = live.isEmpty() ? series.size()
                : (int) series.stream().filter(p -> p.period().isBefore(live.get(0).date())).count();
        if (baseline < 2) {
            throw ApiException.conflict(projectKey + " cycle " + number + " has " + baseline + " period(s) before the first go-live on "
                    + live.get(0).date() + "; the chart needs at least 2 baseline periods to set its centre line and limits.");
        }
        ControlChart chart;
        try {
            chart = evaluation.analyse(type, direction, series, baseline).chart();
        } catch (IllegalArgumentException e) {
            throw ApiException.conflict("The chart of " + projectKey + " cycle " + number + " cannot be drawn: " + e.getMessage() + ".");
        }
        String title = projectKey + " · cycle " + number + " · " + project.getOrDefault(TITLE, "");
        String measure = (String) project.getOrDefault(MEASURE_NAME, "Measure");
        return ChartRenderer.png(chart, new ChartRenderer.Labels(title, measure, type), live);
    }

    /** The process-level variables of the project, read from history so finished projects have charts too. */
    private Map<String, Object> projectVariables(String projectKey) {
        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(projectKey)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst()
                .orElseThrow(() -> ApiException.notFound("No project " + projectKey + "."));
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
                .variableNameIn(CYCLE_NUMBER, MEASURE_TYPE, IMPROVEMENT_DIRECTION, MEASURE_NAME, TITLE).list().stream()
                .filter(v -> instance.getId().equals(v.getExecutionId()) && v.getValue() != null)
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> a));
    }
}
