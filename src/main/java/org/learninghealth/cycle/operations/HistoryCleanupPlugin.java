package org.learninghealth.cycle.operations;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Camunda's history cleanup for a hospital: each project's history carries a removal time, its end plus the model's
 * {@code historyTimeToLive} (ten years; a called review or rollout takes its project's), and the cleanup job removes
 * what has passed it, in batches, only inside the nightly window.
 */
@Component
public class HistoryCleanupPlugin extends AbstractProcessEnginePlugin {

    private final HistoryCleanupProperties settings;

    public HistoryCleanupPlugin(HistoryCleanupProperties settings) {
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryCleanupStrategy(ProcessEngineConfiguration.HISTORY_CLEANUP_STRATEGY_REMOVAL_TIME_BASED);
        configuration.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END);
        configuration.setHistoryCleanupBatchSize(settings.batchSize());
        configuration.setHistoryCleanupDegreeOfParallelism(1);
        if (settings.scheduled()) {
            configuration.setHistoryCleanupBatchWindowStartTime(settings.from());
            configuration.setHistoryCleanupBatchWindowEndTime(settings.to());
        }
    }
}
