package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.project.LearningCycleProcess;

class LearningCycleProcessTest extends CycleSteps {

    @Test
    void acceptedChallengeRunsThroughEveryStageToAdoption() {
        String key = throughEvaluation("lead", 20, 8);
        assertThat(runtimeService.getVariable(root(key), RECOMMENDATION)).isEqualTo("ADOPT");
        decided(key, "ADOPT");
        assertThat(ended(key).getEndActivityId()).isEqualTo(LearningCycleProcess.END_ADOPTED);
    }

    private String root(String key) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY).processInstanceBusinessKey(key)
                .singleResult().getId();
    }

    private HistoricProcessInstance ended(String key) {
        return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                .processInstanceBusinessKey(key).singleResult();
    }
}
