package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Pre/post tests and effect sizes; expected values from SciPy (and R's poisson.test for the rate ratio). */
class ComparisonTest {

    @Test
    void twoProportionsMatchTheReferenceZAndP() {
        Comparison c = Comparison.proportions(45, 300, 30, 310, 0.05);
        assertThat(c.statistic()).isCloseTo(-2.001341, within(5e-7));
        assertThat(Math.abs(c.statistic())).isCloseTo(2.001341, within(5e-7));
        assertThat(c.pValue()).isCloseTo(0.045356, within(5e-7));
        assertThat(c.estimateType()).isEqualTo("difference");
        assertThat(c.estimate()).isCloseTo(-0.0532258064516129, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(-0.10533889928404352, within(1e-9));
        assertThat(c.ciHigh()).isCloseTo(-0.0011127136191822762, within(1e-9));
    }

    @Test
    void rateRatioWithExactConfidenceInterval() {
        Comparison c = Comparison.rates(10, 500, 30, 500, 0.05);
        assertThat(c.estimateType()).isEqualTo("rate ratio");
        assertThat(c.estimate()).isCloseTo(3.0, within(1e-12));
        assertThat(c.ciLow()).isCloseTo(1.4274084701515852, within(1e-7));
        assertThat(c.ciHigh()).isCloseTo(6.8793017710183255, within(1e-7));
        Comparison fewer = Comparison.rates(12, 2000, 4, 1800, 0.05);
        assertThat(fewer.estimate()).isCloseTo(0.37037037037037035, within(1e-12));
        assertThat(fewer.ciLow()).isCloseTo(0.08706167696041575, within(1e-7));
        assertThat(fewer.ciHigh()).isCloseTo(1.2220325884596737, within(1e-7));
    }

    @Test
    void aBaselineWithoutEventsHasNoRateRatioAndAnOpenInterval() {
        Comparison c = Comparison.rates(0, 500, 5, 500, 0.05);
        assertThat(c.estimate()).isNull();
        assertThat(c.ciHigh()).isNull();
        assertThat(c.ciLow()).isPositive();
        assertThat(c.pValue()).isCloseTo(0.0625, within(1e-12));
    }

    @Test
    void welchDifferenceOfMeansWithItsInterval() {
        Comparison c = Comparison.means(new double[]{30, 32, 29, 35, 31}, new double[]{25, 27, 24, 26}, 0.05);
        assertThat(c.estimate()).isCloseTo(-5.9, within(1e-12));
        assertThat(c.statistic()).isCloseTo(-4.855240821128365, within(1e-9));
        assertThat(c.pValue()).isCloseTo(0.0023344203763597665, within(1e-9));
        assertThat(c.ciLow()).isCloseTo(-8.825225211488696, within(1e-7));
        assertThat(c.ciHigh()).isCloseTo(-2.9747747885113, within(1e-7));
    }

    @Test
    void noVariationMeansNoTestAndNoInterval() {
        Comparison c = Comparison.means(new double[]{5, 5}, new double[]{5, 5}, 0.05);
        assertThat(c.pValue()).isNull();
        assertThat(c.ciLow()).isNull();
        assertThat(c.estimate()).isZero();
    }
}
