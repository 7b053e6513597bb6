package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

class EvaluationServiceTest {

    static final LocalDate GO_LIVE = LocalDate.of(2026, 3, 2);
    private final EvaluationService service = new EvaluationService(new EvaluationProperties(2, 2, 0.05, 1000, RuleSet.ANHOEJ));

    private static List<MeasurementPoint> ratios(double[][] before, double[][] after) {
        List<MeasurementPoint> points = new ArrayList<>();
        for (int i = 0; i < before.length; i++) {
            points.add(MeasurementPoint.ratio(GO_LIVE.minusWeeks(before.length - i), before[i][0], before[i][1]));
        }
        for (int i = 0; i < after.length; i++) {
            points.add(MeasurementPoint.ratio(GO_LIVE.plusWeeks(i), after[i][0], after[i][1]));
        }
        return points;
    }

    @Test
    void twoProportionZTestMatchesTheTextbookValue() {
        // 45/300 vs 30/310: z = 2.001341, p = 0.045356 (pooled two-proportion z-test; issue 4's reference, checked with SciPy)
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.PROPORTION, Direction.DECREASE,
                ratios(new double[][]{{20, 150}, {25, 150}}, new double[][]{{15, 155}, {15, 155}}), GO_LIVE, 0.12));
        assertThat(r.sufficient()).isTrue();
        assertThat(r.baselineValue()).isCloseTo(0.15, within(1e-12));
        assertThat(r.interventionValue()).isCloseTo(30.0 / 310, within(1e-12));
        assertThat(r.comparison().pValue()).isCloseTo(0.045356, within(5e-7));
        assertThat(r.improved()).isTrue();
        assertThat(r.significant()).isTrue();
        assertThat(r.aimMet()).isTrue();
        assertThat(r.relativeChange()).isCloseTo((30.0 / 310 - 0.15) / 0.15, within(1e-12));
        assertThat(r.summary()).contains("baseline 15.0% (2 periods)", "intervention 9.7% (2 periods)", "p = 0.0454", "Aim (<= 12.0%) met");
    }

    @Test
    void exactRateTestMatchesPoissonTest() {
        // equal exposure: 30 of 40 events after go-live ~ Binomial(40, 0.5); SciPy binomtest(30, 40, 0.5) -> p = 0.0022214
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.RATE, Direction.INCREASE,
                ratios(new double[][]{{5, 500}, {5, 500}}, new double[][]{{15, 500}, {15, 500}}), GO_LIVE, null));
        assertThat(r.baselineValue()).isEqualTo(0.01);
        assertThat(r.interventionValue()).isEqualTo(0.03);
        assertThat(r.comparison().pValue()).isCloseTo(0.0022214338, within(1e-9));
        assertThat(r.aimMet()).isFalse();
        assertThat(r.summary()).contains("No aim target was set");
    }

    @Test
    void welchTestComparesMeansOfAContinuousMeasure() {
        List<MeasurementPoint> points = new ArrayList<>();
        double[] before = {30, 32, 29, 35, 31};
        double[] after = {25, 27, 24, 26};
        for (int i = 0; i < before.length; i++) {
            points.add(MeasurementPoint.single(GO_LIVE.minusDays(before.length - i), before[i]));
        }
        for (int i = 0; i < after.length; i++) {
            points.add(MeasurementPoint.single(GO_LIVE.plusDays(i), after[i]));
        }
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.CONTINUOUS, Direction.DECREASE, points, GO_LIVE, 28.0));
        assertThat(r.baselineValue()).isEqualTo(31.4);
        assertThat(r.interventionValue()).isEqualTo(25.5);
        // SciPy ttest_ind(..., equal_var=False): t = 4.855241, df = 6.4366, p = 0.0023344204
        assertThat(r.comparison().pValue()).isCloseTo(0.0023344204, within(1e-9));
        assertThat(r.comparison().test()).isEqualTo("Welch t-test");
    }

    @Test
    void aFlatSeriesHasNoPValueAndIsNotSignificant() {
        List<MeasurementPoint> points = List.of(MeasurementPoint.single(GO_LIVE.minusDays(2), 5), MeasurementPoint.single(GO_LIVE.minusDays(1), 5),
                MeasurementPoint.single(GO_LIVE, 5), MeasurementPoint.single(GO_LIVE.plusDays(1), 5));
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.CONTINUOUS, Direction.INCREASE, points, GO_LIVE, null));
        assertThat(r.comparison().pValue()).isNull();
        assertThat(r.significant()).isFalse();
        assertThat(r.improved()).isFalse();
        assertThat(r.relativeChange()).isEqualTo(0.0);
    }

    @Test
    void tooFewPeriodsIsAnOutcomeThatSaysWhatIsMissing() {
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.PROPORTION, Direction.DECREASE,
                ratios(new double[][]{{1, 10}}, new double[][]{{1, 10}, {1, 10}, {2, 10}}), GO_LIVE, null));
        assertThat(r.sufficient()).isFalse();
        assertThat(r.shortfall()).contains("1 baseline periods before the first go-live on 2026-03-02 (at least 2 needed)", "3 periods since");
        assertThat(service.evaluate(new EvaluationRequest(MeasureType.PROPORTION, Direction.DECREASE, List.of(), null, null)).shortfall())
                .contains("No unit has a go-live date");
    }

    @Test
    void directionDecidesWhatCountsAsImprovement() {
        double[][] before = {{10, 100}, {10, 100}};
        double[][] after = {{20, 100}, {20, 100}};
        assertThat(service.evaluate(new EvaluationRequest(MeasureType.PROPORTION, Direction.INCREASE, ratios(before, after), GO_LIVE, 0.2)).improved()).isTrue();
        EvaluationResult worse = service.evaluate(new EvaluationRequest(MeasureType.PROPORTION, Direction.DECREASE, ratios(before, after), GO_LIVE, 0.05));
        assertThat(worse.improved()).isFalse();
        assertThat(worse.aimMet()).isFalse();
        assertThat(worse.summary()).contains("not in the desired direction (decrease)");
    }

    @Test
    void countsGetACChartAndARateRatioPerPeriod() {
        List<MeasurementPoint> points = new ArrayList<>();
        double[] infections = {6, 4, 5, 7, 5, 3, 1, 0, 1, 0, 1, 0};
        for (int i = 0; i < infections.length; i++) {
            points.add(MeasurementPoint.single(GO_LIVE.plusMonths(i - 6), infections[i]));
        }
        EvaluationResult r = service.evaluate(new EvaluationRequest(MeasureType.COUNT, Direction.DECREASE, points, GO_LIVE, 2.0));
        assertThat(r.chart().type()).isEqualTo(ChartType.C);
        assertThat(r.comparison().estimateType()).isEqualTo("rate ratio");
        assertThat(r.baselineValue()).isEqualTo(5.0);
        assertThat(r.interventionValue()).isCloseTo(0.5, within(1e-12));
        // 3 of 33 events after the go-live with equal exposure: SciPy binomtest(3, 33, 0.5) -> p = 1.4011748e-06
        assertThat(r.comparison().pValue()).isCloseTo(1.4011748135089874e-06, within(1e-12));
        // c̄ = 5 gives an LCL of 0, so no point can fall below it; the run of 7 below the median (3, then six after the
        // go-live; the two 5s sit on the median and are ignored) is longer than round(log2 10) + 3 = 6
        assertThat(r.chart().points().get(0).lcl()).isZero();
        assertThat(r.chart().limitSignals()).isZero();
        assertThat(r.chart().runs().longestRun()).isEqualTo(7);
        assertThat(r.chart().runs().longestRunLimit()).isEqualTo(6);
        assertThat(r.improvementSignal()).isTrue();
        assertThat(r.summary()).contains("c chart", "rate ratio 0.100", "Aim (<= 2.000) met");
    }
}
