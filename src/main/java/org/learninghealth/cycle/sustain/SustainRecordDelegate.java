package org.learninghealth.cycle.sustain;

import static org.learninghealth.cycle.project.CycleVariables.*;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.learninghealth.cycle.evaluation.EvaluationService;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.system.VariableText;
import org.springframework.stereotype.Component;

/**
 * "Record how the change held up": the adopted cycle's knowledge record says for how long the change was monitored,
 * at what level, and how monitoring ended (sustained, stopped, or a slip that started a new cycle).
 */
@Component("sustainRecord")
public class SustainRecordDelegate implements JavaDelegate {

    private final KnowledgeRepository knowledge;

    public SustainRecordDelegate(KnowledgeRepository knowledge) {
        this.knowledge = knowledge;
    }

    /** While the adopted change was being monitored (and not yet ended). */
    public static boolean monitoring(DelegateExecution execution) {
        return execution.getVariable(SUSTAIN_SINCE) != null && execution.getVariable(SUSTAIN_OUTCOME) == null;
    }

    /** Withdrawn or halted while monitored: the record keeps its adoption and says how monitoring ended. */
    public void ended(DelegateExecution execution, String outcome) {
        execution.setVariable(SUSTAIN_OUTCOME, outcome);
        execute(execution);
    }

    @Override
    public void execute(DelegateExecution execution) {
        LocalDate today = SustainClock.today();
        knowledge.recordSustain((String) execution.getVariable(PROJECT_KEY), ((Number) execution.getVariable(CYCLE_NUMBER)).intValue(),
                text(execution, today), (String) execution.getVariable(SUSTAIN_OUTCOME), today);
        execution.setVariable(SUSTAIN_MONTHS, SustainClock.months(SustainClock.date(execution, SUSTAIN_SINCE), today));
    }

    /** "Monitored 12 months (2026-09-01 to 2027-09-01) ...; sustained." */
    static String text(DelegateExecution execution, LocalDate today) {
        LocalDate since = SustainClock.date(execution, SUSTAIN_SINCE);
        MeasureType type = MeasureType.of((String) execution.getVariable(MEASURE_TYPE));
        StringBuilder s = new StringBuilder("Monitored ").append(SustainClock.months(since, today)).append(" months (").append(since)
                .append(" to ").append(today).append(')');
        Object adopted = execution.getVariable(SUSTAIN_ADOPTED_LEVEL);
        Object level = execution.getVariable(SUSTAIN_LEVEL);
        if (adopted instanceof Number a && level instanceof Number l) {
            s.append(": adopted level ").append(EvaluationService.format(type, a.doubleValue())).append(" (centre line of the adopted phase), ")
                    .append(EvaluationService.format(type, l.doubleValue())).append(" on average after ").append(execution.getVariable(EVALUATED_THROUGH));
        } else {
            s.append(": no period after ").append(execution.getVariable(EVALUATED_THROUGH)).append(" was reported");
        }
        String reason = (String) execution.getVariable(SUSTAIN_DECISION_REASON);
        switch (String.valueOf(execution.getVariable(SUSTAIN_OUTCOME))) {
            case "sustained" -> s.append(". Sustained: no slip for ").append(SustainClock.months(SustainClock.date(execution, SUSTAIN_STABLE_SINCE), today))
                    .append(" months.");
            case "stopped" -> s.append(". Monitoring stopped by the managers: ").append(reason).append('.');
            case "new-cycle" -> s.append(". Performance slipped (").append(execution.getVariable(SUSTAIN_SIGNAL)).append("); the managers started cycle ")
                    .append(((Number) execution.getVariable(CYCLE_NUMBER)).intValue() + 1).append(": ").append(reason).append('.');
            case "withdrawn" -> s.append(". Monitoring ended: the project was withdrawn by ").append(execution.getVariable(WITHDRAWN_BY)).append(": ")
                    .append(execution.getVariable(WITHDRAWAL_REASON)).append('.');
            case "halted" -> s.append(". Monitoring ended: the project was halted after a safety review: ").append(execution.getVariable(SAFETY_REVIEW_NOTES))
                    .append('.');
            default -> s.append('.');
        }
        return s.length() <= VariableText.MAX ? s.toString() : s.substring(0, VariableText.MAX - 1) + "…";
    }
}
