package org.learninghealth.cycle.sustain;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.learninghealth.cycle.project.LearningCycleProcess.SustainDecision;
import org.springframework.stereotype.Component;

/**
 * "Performance slipped", on complete: the managers' answer needs a reason. <em>Accept</em> keeps monitoring, the
 * accepted periods are not raised again and the stretch without a slip restarts; <em>stop</em> and <em>new cycle</em>
 * end monitoring.
 */
@Component("slipDecision") // not "sustainDecision": that is the answer's variable, which would hide the bean
public class SustainDecisionListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        SustainDecision decision = decision(task.getVariable(SUSTAIN_DECISION));
        Object reason = task.getVariable(SUSTAIN_DECISION_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw new BadUserRequestException("Say why (" + SUSTAIN_DECISION_REASON + "): the reason goes into the knowledge record"
                    + (decision == SustainDecision.ACCEPT ? " and explains to the next reviewer why this slip was let stand." : "."));
        }
        task.setVariable(SUSTAIN_DECISION, code(decision));
        switch (decision) {
            case ACCEPT -> {
                task.setVariable(SUSTAIN_ACCEPTED_THROUGH, task.getVariable(SUSTAIN_SIGNAL_THROUGH));
                task.setVariable(SUSTAIN_STABLE_SINCE, SustainClock.today().toString());
                task.setVariable(SUSTAIN_STATUS, "Slip accepted on " + SustainClock.today() + " by " + task.getAssignee() + ": " + reason
                        + ". Monitoring goes on.");
            }
            case STOP -> task.setVariable(SUSTAIN_OUTCOME, "stopped");
            case NEW_CYCLE -> task.setVariable(SUSTAIN_OUTCOME, "new-cycle");
        }
    }

    private static String code(SustainDecision decision) {
        return decision.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static SustainDecision decision(Object value) {
        return Arrays.stream(SustainDecision.values()).filter(d -> code(d).equals(value == null ? null : value.toString().trim().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new BadUserRequestException("Choose what to do about the slip (" + SUSTAIN_DECISION + "): one of "
                        + Arrays.stream(SustainDecision.values()).map(SustainDecisionListener::code).collect(Collectors.joining(", "))
                        + "; was " + value + "."));
    }
}
