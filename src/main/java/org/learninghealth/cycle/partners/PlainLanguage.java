package org.learninghealth.cycle.partners;

import static org.learninghealth.cycle.project.CycleVariables.AIM_MET;
import static org.learninghealth.cycle.project.CycleVariables.AIM_TARGET;
import static org.learninghealth.cycle.project.CycleVariables.BASELINE_VALUE;
import static org.learninghealth.cycle.project.CycleVariables.IMPROVED;
import static org.learninghealth.cycle.project.CycleVariables.IMPROVEMENT_SIGNAL;
import static org.learninghealth.cycle.project.CycleVariables.INTERVENTION_VALUE;
import static org.learninghealth.cycle.project.CycleVariables.MEASURE_NAME;
import static org.learninghealth.cycle.project.CycleVariables.MEASURE_TYPE;

import java.math.BigDecimal;
import java.math.MathContext;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.learninghealth.cycle.measurement.MeasureType;
import org.springframework.stereotype.Component;

/**
 * The result of an evaluation in words a patient or a member of the public reads: what was measured, before and
 * after, whether the chart tells it apart from the usual ups and downs, and whether the goal was reached. No
 * statistics terms, no names. Used from the models as {@code ${plainLanguage.result(execution)}}.
 */
@Component("plainLanguage")
public class PlainLanguage {

    public String result(VariableScope execution) {
        Object type = execution.getVariable(MEASURE_TYPE);
        return result((String) execution.getVariable(MEASURE_NAME), type == null ? null : MeasureType.of(type.toString()),
                (Number) execution.getVariable(BASELINE_VALUE), (Number) execution.getVariable(INTERVENTION_VALUE),
                (Boolean) execution.getVariable(IMPROVED), (Boolean) execution.getVariable(IMPROVEMENT_SIGNAL),
                (Boolean) execution.getVariable(AIM_MET), (Number) execution.getVariable(AIM_TARGET));
    }

    static String result(String measure, MeasureType type, Number before, Number after, Boolean improved, Boolean signal,
                         Boolean aimMet, Number target) {
        if (before == null || after == null) {
            return "The results are not in yet.";
        }
        StringBuilder text = new StringBuilder();
        text.append("We measured: ").append(measure == null ? "the measure of the plan" : measure).append(". Before the change it was ")
                .append(value(before, type)).append("; after the change it was ").append(value(after, type)).append(". ");
        boolean better = Boolean.TRUE.equals(improved);
        boolean clear = Boolean.TRUE.equals(signal);
        if (better && clear) {
            text.append("That is better, and the chart shows it is more than the usual ups and downs.");
        } else if (better) {
            text.append("That is a little better, but the chart cannot tell it apart from the usual ups and downs yet.");
        } else if (before.doubleValue() == after.doubleValue()) {
            text.append("That is no change.");
        } else {
            text.append("That is not better.");
        }
        if (aimMet != null && target != null) {
            text.append(aimMet ? " The goal of " + value(target, type) + " was reached." : " The goal of " + value(target, type) + " was not reached.");
        }
        return text.toString();
    }

    /** A proportion as a percentage ("12.5%"), anything else to three significant digits. */
    static String value(Number number, MeasureType type) {
        if (type == MeasureType.PROPORTION) {
            return plain(BigDecimal.valueOf(number.doubleValue() * 100).round(new MathContext(3))) + "%";
        }
        return plain(BigDecimal.valueOf(number.doubleValue()).round(new MathContext(3)));
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
