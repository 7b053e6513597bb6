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

    @ParameterizedTest(name = "harmed={0} improved={1} signal={2} significant={3} aimMet={4} -> {5}")
    @CsvSource({
            "true,  false, false, false, false, ABANDON, harm without benefit",
            "true,  true,  true,  true,  true,  ADAPT,   balancing measure got worse",
            "false, true,  true,  true,  true,  ADOPT,   aim was met",
            "false, true,  true,  true,  false, ADAPT,   aim was not met",
            "false, true,  true,  false, true,  ADAPT,   could be chance",
            "false, true,  false, true,  true,  ADAPT,   no special cause after the go-live",
            "false, true,  false, false, true,  ADAPT,   neither the chart nor the pre/post test",
            "false, false, true,  true,  false, ABANDON, did not move in the desired direction",
            "false, false, false, false, true,  ABANDON, did not move in the desired direction"})
    void recommends(boolean harmed, boolean improved, boolean signal, boolean significant, boolean aimMet, String expected, String reason) {
        DmnDecisionRuleResult result = processEngine.getDecisionService().evaluateDecisionTableByKey("adoption-recommendation",
                Map.of("balancingMeasureHarmed", harmed, "improved", improved, "improvementSignal", signal, "significant", significant,
                        "aimMet", aimMet)).getSingleResult();
        assertThat((String) result.getEntry("recommendation")).isEqualTo(expected);
        assertThat((String) result.getEntry("reason")).contains(reason);
    }
}
