package org.learninghealth.cycle.evaluation;

/**
 * Baseline against intervention. When {@link #sufficient()} is false only the counts and {@link #shortfall()} are set.
 *
 * @param relativeChange change relative to the baseline, {@code null} when the baseline is 0
 * @param pValue         two-sided p-value of {@link #test()}, {@code null} when it cannot be computed
 */
public record EvaluationResult(boolean sufficient, String shortfall, int baselinePeriods, int interventionPeriods,
                               Double baselineValue, Double interventionValue, Double absoluteChange, Double relativeChange,
                               boolean improved, String test, Double pValue, boolean significant, boolean aimMet,
                               String summary) {

    static EvaluationResult insufficient(String shortfall, int baseline, int intervention) {
        return new EvaluationResult(false, shortfall, baseline, intervention, null, null, null, null, false, null, null,
                false, false, shortfall);
    }
}
