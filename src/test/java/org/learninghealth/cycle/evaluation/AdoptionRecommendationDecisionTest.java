package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.learninghealth.cycle.DecisionTestEngine;

/** Every rule of adoption-recommendation.dmn; FIRST looks at harm before benefit. */
@Deployment(resources = "adoption-recommendation.dmn")
class AdoptionRecommendationDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(DecisionTestEngine.get()).build();

    ProcessEngine processEngine;

    @ParameterizedTest(name = "harmed={0} improved={1} significant={2} aimMet={3} -> {4}")
    @CsvSource({
            "true,  false, false, false, ABANDON, harm without benefit",
            "true,  true,  true,  true,  ADAPT,   balancing measure got worse",
            "false, true,  true,  true,  ADOPT,   aim was met",
            "false, true,  true,  false, ADAPT,   aim was not met",
            "false, true,  false, true,  ADAPT,   not beyond chance",
            "false, true,  false, false, ADAPT,   not beyond chance",
            "false, false, true,  false, ABANDON, did not move in the desired direction",
            "false, false, false, true,  ABANDON, did not move in the desired direction"})
    void recommends(boolean harmed, boolean improved, boolean significant, boolean aimMet, String expected, String reason) {
        DmnDecisionRuleResult result = processEngine.getDecisionService().evaluateDecisionTableByKey("adoption-recommendation",
                Map.of("balancingMeasureHarmed", harmed, "improved", improved, "significant", significant, "aimMet", aimMet)).getSingleResult();
        assertThat((String) result.getEntry("recommendation")).isEqualTo(expected);
        assertThat((String) result.getEntry("reason")).contains(reason);
    }
}
