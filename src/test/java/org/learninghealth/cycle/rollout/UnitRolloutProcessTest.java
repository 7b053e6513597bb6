package org.learninghealth.cycle.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.learninghealth.cycle.project.CycleVariables.*;
import static org.learninghealth.cycle.rollout.UnitRolloutProcess.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.task.Task;
import org.camunda.spin.json.SpinJsonNode;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleTestSupport;
import org.springframework.beans.factory.annotation.Autowired;

/** The path through unit-rollout.bpmn and its refusals. */
class UnitRolloutProcessTest extends CycleTestSupport {

    @Autowired GoLiveRepository goLives;

    private String rollout(String unit) {
        String key = "UR-TEST-" + System.nanoTime();
        Map<String, Object> v = calledProcessVariables(key);
        v.put(UNIT, unit);
        runtimeService.startProcessInstanceByKey(KEY, key, v);
        executeJobs(key);
        return key;
    }

    @Test
    void championConfirmsGoLiveAndTheDateIsRecordedForTheBaseline() {
        String key = rollout("4 West");
        Task confirm = task(key, TASK_CONFIRM_GO_LIVE);
        assertThat(confirm.getDueDate()).isEqualTo(date(TODAY.plusDays(14)));
        assertThat(confirm.getName()).contains(key);
        assertThat(confirm.getDescription()).contains("unit 4 West");
        SpinJsonNode checklist = (SpinJsonNode) taskService.getVariable(confirm.getId(), READINESS_CHECKLIST);
        assertThat(checklist.elements()).hasSize(4);
        assertThat(checklist.elements().get(0).prop("label").stringValue()).isEqualTo("Staff on the unit briefed on the change");

        completeTask("champion", confirm, Map.of(GO_LIVE_DATE, TODAY.minusDays(2).toString(), FIDELITY_NOTES, "Night shift started later",
                CHECKLIST_COMPLETED, List.of("Staff on the unit briefed on the change")));
        executeJobs(key);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(key).count()).isZero();
        assertThat(goLives.firstGoLive(key, 1)).isEqualTo(TODAY.minusDays(2));
    }

    @Test
    void aGoLiveInTheFutureIsRefused() {
        String key = rollout("ICU");
        assertThatThrownBy(() -> completeTask("champion", task(key, TASK_CONFIRM_GO_LIVE), Map.of(GO_LIVE_DATE, TODAY.plusDays(3).toString())))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("is in the future");
    }

    @Test
    void aGoLiveWithoutADateIsRefused() {
        String key = rollout("ICU");
        assertThatThrownBy(() -> completeTask("champion", task(key, TASK_CONFIRM_GO_LIVE), Map.of(FIDELITY_NOTES, "ok")))
                .hasRootCauseInstanceOf(BadUserRequestException.class).hasMessageContaining("Enter the date");
    }

    @Test
    void theEarliestGoLiveOfACycleStartsTheIntervention() {
        goLives.record("GL-TEST", 1, "4 West", TODAY.minusDays(3), null, null, "champion");
        goLives.record("GL-TEST", 1, "5 East", TODAY.minusDays(10), null, null, "champion");
        goLives.record("GL-TEST", 1, "5 East", TODAY.minusDays(8), null, null, "champion");
        goLives.record("GL-TEST", 2, "ICU", TODAY.minusDays(30), null, null, "champion");
        assertThat(goLives.firstGoLive("GL-TEST", 1)).isEqualTo(TODAY.minusDays(8));
        assertThat(goLives.firstGoLive("GL-TEST", 3)).isNull();
    }
}
