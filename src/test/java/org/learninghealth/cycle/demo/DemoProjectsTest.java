package org.learninghealth.cycle.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstanceQuery;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.DemoProperties;
import org.springframework.boot.DefaultApplicationArguments;

/** Demo data are a courtesy: when seeding fails half-way the application carries on, with its clock put back. */
class DemoProjectsTest {

    @Test
    @SuppressWarnings("unchecked")
    void aFailureWhileSeedingIsLoggedAndTheApplicationCarriesOn() {
        ProcessEngine engine = mock(ProcessEngine.class);
        HistoryService history = mock(HistoryService.class);
        HistoricProcessInstanceQuery none = mock(HistoricProcessInstanceQuery.class, RETURNS_SELF);
        when(none.count()).thenReturn(0L);
        when(history.createHistoricProcessInstanceQuery()).thenReturn(none);
        RuntimeService runtime = mock(RuntimeService.class);
        when(runtime.startProcessInstanceByKey(anyString(), any(java.util.Map.class)))
                .thenThrow(new ProcessEngineException("The user with id 'lead' does not exist"));
        when(engine.getHistoryService()).thenReturn(history);
        when(engine.getIdentityService()).thenReturn(mock(org.camunda.bpm.engine.IdentityService.class));
        when(engine.getTaskService()).thenReturn(mock(org.camunda.bpm.engine.TaskService.class));
        when(engine.getManagementService()).thenReturn(mock(org.camunda.bpm.engine.ManagementService.class));
        when(engine.getRuntimeService()).thenReturn(runtime);
        when(engine.getProcessEngineConfiguration()).thenReturn(mock(ProcessEngineConfigurationImpl.class));
        ApiCaller caller = mock(ApiCaller.class);
        when(caller.as(anyString(), any(Supplier.class))).thenAnswer(call -> ((Supplier<Object>) call.getArgument(1)).get());

        assertThatCode(() -> new DemoProjects(new DemoProperties(true, true), engine, caller).run(new DefaultApplicationArguments()))
                .doesNotThrowAnyException();
        assertThat(Math.abs(ClockUtil.getCurrentTime().getTime() - System.currentTimeMillis())).as("the clock is back to now").isLessThan(60_000);
    }
}
