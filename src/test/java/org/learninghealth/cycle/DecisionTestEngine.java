package org.learninghealth.cycle;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;

/** A small in-memory engine without Spring for the decision-table tests; built once per test run. */
public final class DecisionTestEngine {

    private static ProcessEngine engine;

    private DecisionTestEngine() {
    }

    public static synchronized ProcessEngine get() {
        if (engine == null) {
            engine = ProcessEngineConfiguration.createStandaloneInMemProcessEngineConfiguration()
                    .setProcessEngineName("decision-tests")
                    .setJdbcUrl("jdbc:h2:mem:decision-tests;DB_CLOSE_DELAY=-1")
                    .setJobExecutorActivate(false)
                    .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                    .buildProcessEngine();
        }
        return engine;
    }
}
