package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Anhøj's rules on hand-made series. */
class RunAnalysisTest {

    @Test
    void limitsMatchAnhojsTable() {
        assertThat(RunAnalysis.longestRunLimit(24)).isEqualTo(8);
        assertThat(RunAnalysis.crossingsLimit(24)).isEqualTo(8);
        assertThat(RunAnalysis.longestRunLimit(32)).isEqualTo(8);
        assertThat(RunAnalysis.crossingsLimit(32)).isEqualTo(11);
        assertThat(RunAnalysis.longestRunLimit(10)).isEqualTo(6);
        assertThat(RunAnalysis.crossingsLimit(10)).isEqualTo(2);
    }

    @Test
    void aRandomLookingSeriesHasNoSignal() {
        double[] values = {1, 3, 1, 3, 3, 1, 3, 1, 1, 3, 1, 3};
        RunAnalysis runs = RunAnalysis.of(values, 2, 6, Direction.INCREASE);
        assertThat(runs.usefulPoints()).isEqualTo(12);
        assertThat(runs.longestRun()).isEqualTo(2);
        assertThat(runs.crossings()).isEqualTo(9);
        assertThat(runs.signal()).isFalse();
        assertThat(runs.explanation()).startsWith("Runs: no non-random pattern");
    }

    @Test
    void aLongRunAfterTheGoLiveOnTheBetterSideIsAnImprovement() {
        // 8 baseline points alternating, then 8 above the median: n = 16, run limit round(4) + 3 = 7
        double[] values = {1, 3, 1, 3, 1, 3, 1, 3, 3, 3, 3, 3, 3, 3, 3, 3};
        RunAnalysis up = RunAnalysis.of(values, 2, 8, Direction.INCREASE);
        assertThat(up.longestRunLimit()).isEqualTo(7);
        assertThat(up.longestRun()).isEqualTo(9);
        assertThat(up.signal()).isTrue();
        assertThat(up.improvement()).isTrue();
        assertThat(up.explanation()).contains("a shift", "better direction");

        RunAnalysis down = RunAnalysis.of(values, 2, 8, Direction.DECREASE);
        assertThat(down.signal()).isTrue();
        assertThat(down.improvement()).as("the run is on the worse side").isFalse();
        assertThat(down.explanation()).contains("not an improvement");
    }

    @Test
    void aLongRunInsideTheBaselineIsASignalButNotAnImprovement() {
        double[] values = {3, 3, 3, 3, 3, 3, 3, 3, 1, 3, 1, 3, 1, 3, 1, 1};
        RunAnalysis runs = RunAnalysis.of(values, 2, 10, Direction.INCREASE);
        assertThat(runs.longestRun()).isEqualTo(8);
        assertThat(runs.signal()).isTrue();
        assertThat(runs.improvement()).isFalse();
    }

    @Test
    void pointsOnTheMedianNeitherBreakNorExtendARun() {
        double[] values = {1, 3, 2, 3, 2, 2, 3, 1};
        RunAnalysis runs = RunAnalysis.of(values, 2, 8, Direction.INCREASE);
        assertThat(runs.usefulPoints()).isEqualTo(5);
        assertThat(runs.longestRun()).as("3, (2), 3, (2), (2), 3 is one run of three").isEqualTo(3);
        assertThat(runs.crossings()).isEqualTo(2);
    }

    @Test
    void tooFewCrossingsWithTheInterventionOnTheBetterSideIsAnImprovement() {
        // n = 20: run limit round(4.32) + 3 = 7, crossings limit 6 (5th percentile of Binomial(19, 0.5))
        double[] values = {1, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1};
        RunAnalysis runs = RunAnalysis.of(values, 2, 14, Direction.DECREASE);
        assertThat(runs.longestRunLimit()).isEqualTo(7);
        assertThat(runs.crossingsLimit()).isEqualTo(6);
        assertThat(runs.longestRun()).isEqualTo(7);
        assertThat(runs.crossings()).isEqualTo(2);
        assertThat(runs.signal()).isTrue();
        assertThat(runs.improvement()).isTrue();
        assertThat(runs.explanation()).contains("too few crossings in the better direction");
    }

    @Test
    void aFlatSeriesOnTheMedianHasNoUsefulPointsAndNoSignal() {
        RunAnalysis runs = RunAnalysis.of(new double[]{5, 5, 5, 5}, 5, 2, Direction.INCREASE);
        assertThat(runs.usefulPoints()).isZero();
        assertThat(runs.signal()).isFalse();
        assertThat(runs.improvement()).isFalse();
    }
}
