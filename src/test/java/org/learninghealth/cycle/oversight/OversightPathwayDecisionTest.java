package org.learninghealth.cycle.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.learninghealth.cycle.DecisionTestEngine;

/** Every rule of oversight-pathway.dmn, and that hit policy FIRST picks the stricter row. */
@Deployment(resources = "oversight-pathway.dmn")
class OversightPathwayDecisionTest {

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(DecisionTestEngine.get()).build();

    ProcessEngine processEngine;

    private String pathway(String... yes) {
        Map<String, Object> answers = new HashMap<>();
        for (String q : new String[]{INVESTIGATIONAL_PRODUCT, MORE_THAN_MINIMAL_RISK, WITHHOLDS_STANDARD_CARE, RANDOMIZES, GENERALIZABLE_KNOWLEDGE,
                FUNDED_AS_RESEARCH, IDENTIFIABLE_DATA, INTENDS_TO_PUBLISH}) {
            answers.put(q, false);
        }
        answers.put(AIMS_LOCAL_IMPROVEMENT, true);
        for (String answer : yes) {
            answers.put(answer.replace("!", ""), !answer.startsWith("!"));
        }
        return processEngine.getDecisionService().evaluateDecisionTableByKey("oversight-pathway", answers).getSingleResult().getSingleEntry();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "investigationalProduct, FULL_BOARD",
            "moreThanMinimalRisk, FULL_BOARD",
            "withholdsStandardCare, FULL_BOARD",
            "randomizes, EXEMPT",
            "generalizableKnowledge, EXEMPT",
            "fundedAsResearch, EXEMPT",
            "!aimsLocalImprovement, EXPEDITED",
            "intendsToPublish, QI",
            "identifiableDataBeyondRoutineCare, QI"})
    void eachQuestionAloneLeadsToItsPathway(String yes, String expected) {
        assertThat(pathway(yes)).isEqualTo(expected);
    }

    @Test
    void localImprovementWithNothingElseIsQualityImprovement() {
        assertThat(pathway()).isEqualTo("QI");
    }

    @ParameterizedTest(name = "{0} with identifiable data -> EXPEDITED")
    @CsvSource({"randomizes", "generalizableKnowledge", "fundedAsResearch"})
    void researchUsingIdentifiableDataBeyondRoutineCareIsExpedited(String research) {
        assertThat(pathway(research, IDENTIFIABLE_DATA)).isEqualTo("EXPEDITED");
    }

    @Test
    void firstHitPolicyLetsTheStricterRowWin() {
        assertThat(pathway(RANDOMIZES, MORE_THAN_MINIMAL_RISK)).isEqualTo("FULL_BOARD");
        assertThat(pathway(INVESTIGATIONAL_PRODUCT, RANDOMIZES, IDENTIFIABLE_DATA)).isEqualTo("FULL_BOARD");
        assertThat(pathway(GENERALIZABLE_KNOWLEDGE, "!aimsLocalImprovement")).isEqualTo("EXEMPT");
        assertThat(pathway(INTENDS_TO_PUBLISH, "!aimsLocalImprovement")).isEqualTo("EXPEDITED");
    }

    @Test
    void theTableReadsUnansweredQuestionsAsNoSoThePlanRequiresEveryAnswer() {
        Map<String, Object> nothing = new HashMap<>();
        nothing.put(AIMS_LOCAL_IMPROVEMENT, null);
        String pathway = processEngine.getDecisionService().evaluateDecisionTableByKey("oversight-pathway", nothing).getSingleResult().getSingleEntry();
        assertThat(pathway).isEqualTo("QI");
    }
}
