package org.learninghealth.cycle.evaluation;

/**
 * Baseline against intervention. When {@link #sufficient()} is false only the counts and {@link #shortfall()} are set.
 *
 * @param relativeChange    change relative to the baseline, {@code null} when the baseline is 0
 * @param improvementSignal the control chart shows a special cause in the better direction after the go-live
 * @param analysis          chart and test, {@code null} when the data are not sufficient
 */
public record EvaluationResult(boolean sufficient, String shortfall, int baselinePeriods, int interventionPeriods,
                               Double baselineValue, Double interventionValue, Double absoluteChange, Double relativeChange,
                               boolean improved, boolean improvementSignal, boolean significant, boolean aimMet,
                               String summary, SeriesAnalysis analysis) {

    static EvaluationResult insufficient(String shortfall, int baseline, int intervention) {
        return new EvaluationResult(false, shortfall, baseline, intervention, null, null, null, null, false, false, false,
                false, shortfall, null);
    }

    public Comparison comparison() {
        return analysis == null ? null : analysis.comparison();
    }

    public ControlChart chart() {
        return analysis == null ? null : analysis.chart();
    }
}
