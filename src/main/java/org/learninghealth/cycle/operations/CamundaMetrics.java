package org.learninghealth.cycle.operations;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.management.Metrics;
import org.learninghealth.cycle.identity.ApiCaller;
import org.springframework.stereotype.Component;

/**
 * Camunda's own metrics (jobs, activity instances, decisions) and the open incidents and tasks, as Prometheus meters
 * ({@code camunda_*}); read from the engine when Prometheus scrapes, as the system (whoever scrapes sees all).
 */
@Component
public class CamundaMetrics implements MeterBinder {

    static final List<String> ENGINE_METRICS = List.of(Metrics.ROOT_PROCESS_INSTANCE_START, Metrics.ACTIVTY_INSTANCE_START,
            Metrics.JOB_SUCCESSFUL, Metrics.JOB_FAILED, Metrics.JOB_ACQUISITION_ATTEMPT, Metrics.EXECUTED_DECISION_ELEMENTS);

    private final ProcessEngine engine;
    private final ApiCaller caller;

    public CamundaMetrics(ProcessEngine engine, ApiCaller caller) {
        this.engine = engine;
        this.caller = caller;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ManagementService management = engine.getManagementService();
        for (String metric : ENGINE_METRICS) {
            FunctionCounter.builder("camunda." + metric.replace('-', '.'), management, m -> caller.asSystem(() -> m.createMetricsQuery().name(metric).sum()))
                    .description("Camunda engine metric " + metric).register(registry);
        }
        Gauge.builder("camunda.incidents.open", engine, e -> caller.asSystem(() -> e.getRuntimeService().createIncidentQuery().count()))
                .description("Open incidents (failed jobs waiting for a retry in Cockpit)").register(registry);
        Gauge.builder("camunda.tasks.open", engine, e -> caller.asSystem(() -> e.getTaskService().createTaskQuery().count()))
                .description("Open user tasks").register(registry);
    }
}
