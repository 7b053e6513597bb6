package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.learninghealth.cycle.evaluation.ControlChartsTest.FOUR_DECIMALS;
import static org.learninghealth.cycle.evaluation.ControlChartsTest.START;
import static org.learninghealth.cycle.evaluation.ControlChartsTest.reference;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

/**
 * Phases, Making Data Count and rare-event charts against what qicharts2 0.8.1 and NHSRplotthedots 0.2.2 compute on
 * their own published examples and test fixtures, and on hand-made edges ({@code src/test/resources/spc/README.md}).
 */
class PhasesAndRulesTest {

    private static ControlChart chart(MeasureType type, Direction direction, List<MeasurementPoint> points, ChartOptions options) {
        return ControlCharts.of(type, direction, points, options, 1000);
    }

    private static List<MeasurementPoint> singles(List<CSVRecord> rows, String column) {
        List<MeasurementPoint> points = new ArrayList<>();
        rows.forEach(r -> points.add(MeasurementPoint.single(START.plusWeeks(points.size()), Double.parseDouble(r.get(column)))));
        return points;
    }

    private static void assertLimits(ControlChart chart, List<CSVRecord> rows, String cl, String lcl, String ucl, String beyond) {
        for (int i = 0; i < rows.size(); i++) {
            ChartPoint p = chart.points().get(i);
            assertThat(p.centerLine()).as("centre line of point %d", i + 1).isCloseTo(number(rows.get(i), cl), tolerance(number(rows.get(i), cl)));
            assertThat(p.lcl()).as("LCL of point %d", i + 1).isCloseTo(number(rows.get(i), lcl), tolerance(number(rows.get(i), lcl)));
            assertThat(p.ucl()).as("UCL of point %d", i + 1).isCloseTo(number(rows.get(i), ucl), tolerance(number(rows.get(i), ucl)));
            if (beyond != null) {
                assertThat(p.signal()).as("beyond a limit, point %d", i + 1).isEqualTo(Boolean.parseBoolean(rows.get(i).get(beyond)));
            }
        }
    }

    /** 4 decimals, or 4 significant digits for the small values of a rate */
    private static org.assertj.core.data.Offset<Double> tolerance(double expected) {
        return within(Math.abs(expected) < 1 ? Math.max(5e-5 * Math.abs(expected), 1e-12) : FOUR_DECIMALS);
    }

    private static double number(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    @Test
    void qicharts2CdiCountsSplitAt24EachPartWithItsOwnLimits() throws IOException {
        List<CSVRecord> rows = reference("qicharts2-cdi-c-part24.csv");
        ControlChart c = chart(MeasureType.COUNT, Direction.DECREASE, singles(rows, "n"),
                new ChartOptions(RuleSet.ANHOEJ, List.of(Phase.from(0), Phase.from(24)), null));

        assertLimits(c, rows, "cl", "lcl", "ucl", "beyond_limits");
        assertThat(c.phases()).extracting(ControlChart.PhaseLine::start, ControlChart.PhaseLine::end).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, 24), org.assertj.core.groups.Tuple.tuple(24, rows.size()));
        assertThat(c.points().get(24).phase()).isEqualTo(1);
        assertThat(c.points().get(23).phase()).isZero();
    }

    @Test
    void qicharts2CdiRatesSplitAt24() throws IOException {
        List<CSVRecord> rows = reference("qicharts2-cdi-u-part24.csv");
        List<MeasurementPoint> points = new ArrayList<>();
        rows.forEach(r -> points.add(MeasurementPoint.ratio(LocalDate.parse(r.get("month")), number(r, "n"), number(r, "days"))));
        ControlChart u = chart(MeasureType.RATE, Direction.DECREASE, points, new ChartOptions(RuleSet.ANHOEJ, List.of(Phase.from(0), Phase.from(24)), null));

        assertThat(u.type()).isEqualTo(ChartType.U);
        assertLimits(u, rows, "cl", "lcl", "ucl", "beyond_limits");
    }

    @Test
    void qicharts2CabgSurgeriesAndDaysBetweenDeaths() throws IOException {
        List<CSVRecord> rows = reference("qicharts2-cabg-g-t.csv");
        ChartOptions onePhase = new ChartOptions(RuleSet.ANHOEJ, List.of(Phase.from(0)), null);
        ControlChart g = chart(MeasureType.CASES_BETWEEN_EVENTS, Direction.INCREASE, singles(rows, "surgeries_between"), onePhase);
        ControlChart t = chart(MeasureType.DAYS_BETWEEN_EVENTS, Direction.INCREASE, singles(rows, "days_between"), onePhase);

        assertThat(g.type()).isEqualTo(ChartType.G);
        assertThat(t.type()).isEqualTo(ChartType.T);
        assertLimits(g, rows, "g_cl", "g_lcl", "g_ucl", "g_beyond");
        assertLimits(t, rows, "t_cl", "t_lcl", "t_ucl", "t_beyond");
        assertThat(g.points().get(23).improvement() || g.points().get(23).signal())
                .as("death 25 is unusually far from death 24 (the vignette's conclusion)").isTrue();
        assertThat(g.variationIcon()).isEqualTo(VariationIcon.COMMON_CAUSE);
    }

    @Test
    void daysBetweenEventsGivenAsTheDatesOfTheDeaths() throws IOException {
        List<MeasurementPoint> dates = new ArrayList<>();
        reference("qicharts2-cabg-death-dates.csv").forEach(r -> dates.add(MeasurementPoint.single(LocalDate.parse(r.get("date")), 0)));
        List<MeasurementPoint> gaps = PreviewRequest.gapsFromDates(dates);

        assertThat(gaps.stream().map(MeasurementPoint::value).toList())
                .isEqualTo(reference("qicharts2-cabg-g-t.csv").stream().map(r -> number(r, "days_between")).toList());
    }

    @Test
    void makingDataCountLimitsOfTheNhsrPlotTheDotsFixture() throws IOException {
        List<CSVRecord> rows = reference("nhsrplotthedots-rnorm20.csv");
        ChartOptions mdc = new ChartOptions(RuleSet.NHS_MDC, List.of(Phase.from(0)), null);
        ControlChart plain = chart(MeasureType.CONTINUOUS, Direction.INCREASE, singles(rows, "y"), mdc);
        ControlChart screened = chart(MeasureType.CONTINUOUS, Direction.INCREASE, singles(rows, "y_15_is_10"), mdc);

        assertThat(plain.type()).isEqualTo(ChartType.XMR);
        assertLimits(plain, rows, "mean", "lpl", "upl", null);
        assertLimits(screened, rows, "screened_mean", "screened_lpl", "screened_upl", null);
        assertThat(screened.points().get(14).rules()).containsExactly(Rule.OUTSIDE_LIMITS);
        assertThat(screened.variationIcon()).isEqualTo(VariationIcon.COMMON_CAUSE);
    }

    @Test
    void makingDataCountInTwoPhasesTheSecondFrozenAfter12() throws IOException {
        assertMakingDataCount("nhsrplotthedots-two-phases.csv", Direction.DECREASE, 9.0,
                // NHSRplotthedots' fix_after_n_points applies to every rebase group
                List.of(new Phase(0, 12), new Phase(20, 12)), AssuranceIcon.HIT_AND_MISS);
    }

    @Test
    void aPointOnTheMeanBreaksAShift() throws IOException {
        ControlChart c = assertMakingDataCount("nhsrplotthedots-edge-shift.csv", Direction.INCREASE, null, List.of(new Phase(0, 12)), null);
        assertThat(c.points().subList(12, 20)).allMatch(p -> p.rules().isEmpty());
        assertThat(c.points().subList(20, 27)).allMatch(p -> p.rules().equals(List.of(Rule.SHIFT)) && p.improvement());
    }

    @Test
    void anEqualValueBreaksATrendAndARisingOneIsAConcernWhenLowerIsBetter() throws IOException {
        ControlChart c = assertMakingDataCount("nhsrplotthedots-edge-trend.csv", Direction.DECREASE, null, List.of(new Phase(0, 12)), null);
        assertThat(c.points().subList(12, 20)).allMatch(p -> p.rules().isEmpty());
        assertThat(c.points().subList(20, 27)).allMatch(p -> p.rules().contains(Rule.TREND) && p.concern());
        assertThat(c.concernsFrom(12)).hasSize(7);
    }

    @Test
    void twoOfThreeCountsOnlyPointsInTheOuterThirdNotBeyondTheLimit() throws IOException {
        ControlChart c = assertMakingDataCount("nhsrplotthedots-edge-two-of-three.csv", Direction.INCREASE, 8.0, List.of(new Phase(0, 12)),
                AssuranceIcon.HIT_AND_MISS);
        assertThat(c.points().get(12).rules()).as("7.5 next to 9 beyond the limit: one close point only").isEmpty();
        assertThat(c.points().get(16).rules()).containsExactly(Rule.TWO_OF_THREE);
        assertThat(c.points().get(17).rules()).containsExactly(Rule.OUTSIDE_LIMITS);
        assertThat(c.points().get(18).rules()).containsExactly(Rule.TWO_OF_THREE);
        assertThat(c.points().subList(24, 26)).as("7.5, 7.6 and the third of three on the mean").allMatch(p -> p.rules().isEmpty());
        assertThat(c.points().get(28).rules()).as("2 in the outer third next to 1 beyond the limit").isEmpty();
    }

    /** Every point's limits, its special cause and whether it is an improvement or a concern; the icons of the last. */
    private static ControlChart assertMakingDataCount(String file, Direction direction, Double target, List<Phase> phases,
                                                      AssuranceIcon assurance) throws IOException {
        List<CSVRecord> rows = reference(file);
        ControlChart c = chart(MeasureType.CONTINUOUS, direction, singles(rows, "y"), new ChartOptions(RuleSet.NHS_MDC, phases, target));
        assertLimits(c, rows, "mean", "lpl", "upl", null);
        for (int i = 0; i < rows.size(); i++) {
            ChartPoint p = c.points().get(i);
            String type = rows.get(i).get("special_cause_type");
            assertThat(p.phase()).as("phase of point %d", i + 1).isEqualTo(Integer.parseInt(rows.get(i).get("phase")));
            assertThat(p.rules().isEmpty() ? null : p.rules().get(0)).as("special cause of point %d (%s)", i + 1, type).isEqualTo(primary(type));
            assertThat(p.concern()).as("concern at point %d", i + 1).isEqualTo(rows.get(i).get("point_type").equals("special_cause_concern"));
        }
        assertThat(c.variationIcon().code()).isEqualTo(rows.get(rows.size() - 1).get("variation").replace("common_cause", "common-cause"));
        assertThat(c.assuranceIcon()).isEqualTo(assurance);
        return c;
    }

    /** NHSRplotthedots' label of a point's special cause as our first rule (outside, trend, two of three, shift). */
    private static Rule primary(String type) {
        if (type.startsWith("Above") || type.startsWith("Below")) {
            return Rule.OUTSIDE_LIMITS;
        }
        return type.startsWith("7_Point_Trend") ? Rule.TREND : type.startsWith("2_in_3") ? Rule.TWO_OF_THREE
                : type.startsWith("7_Points") ? Rule.SHIFT : null;
    }

    @Test
    void assuranceAgainstTheLastLimitsAsNhsrPlotTheDotsTestsIt() {
        // test-ptd_calculate_assurance_type.R: lpl/upl (1, 3), (5, 7), (1, 5) with target 4
        assertThat(AssuranceIcon.of(4.0, 1, 3, Direction.INCREASE)).isEqualTo(AssuranceIcon.FAIL);
        assertThat(AssuranceIcon.of(4.0, 5, 7, Direction.INCREASE)).isEqualTo(AssuranceIcon.PASS);
        assertThat(AssuranceIcon.of(4.0, 1, 5, Direction.INCREASE)).isEqualTo(AssuranceIcon.HIT_AND_MISS);
        assertThat(AssuranceIcon.of(4.0, 1, 3, Direction.DECREASE)).isEqualTo(AssuranceIcon.PASS);
        assertThat(AssuranceIcon.of(4.0, 5, 7, Direction.DECREASE)).isEqualTo(AssuranceIcon.FAIL);
        assertThat(AssuranceIcon.of(null, 1, 5, Direction.DECREASE)).isNull();
    }

    @Test
    void makingDataCountRuleFunctionsAsNhsrPlotTheDotsTestsThem() {
        // ptd_seven_point_one_side_mean(c(rep(1, 8), -1)) marks points 7 and 8 as ending a run; part-of: all 8
        double[] y = {1, 1, 1, 1, 1, 1, 1, 1, -1};
        double[] zero = new double[9], low = new double[9], high = new double[9];
        Arrays.fill(low, -100);
        Arrays.fill(high, 100);
        List<MakingDataCount.Flags> flags = MakingDataCount.flags(y, zero, low, high);
        assertThat(flags.subList(0, 8)).allMatch(f -> f.rules().contains(Rule.SHIFT) && f.side() == 1);
        assertThat(flags.get(8).rules()).isEmpty();
        // ptd_seven_point_trend(c(1:3, 3:6)): an equal step breaks the trend; 1:7 is one
        double[] broken = {1, 2, 3, 3, 4, 5, 6}, rising = {1, 2, 3, 4, 5, 6, 7};
        double[] mid = new double[7], lo = new double[7], hi = new double[7];
        Arrays.fill(mid, 4);
        Arrays.fill(lo, -100);
        Arrays.fill(hi, 100);
        assertThat(MakingDataCount.flags(broken, mid, lo, hi)).noneMatch(f -> f.rules().contains(Rule.TREND));
        assertThat(MakingDataCount.flags(rising, mid, lo, hi)).allMatch(f -> f.rules().contains(Rule.TREND) && f.side() == 1);
    }

    @Test
    void phasesAreChecked() {
        List<MeasurementPoint> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(MeasurementPoint.single(START.plusWeeks(i), i % 3));
        }
        assertThatThrownBy(() -> chart(MeasureType.CONTINUOUS, Direction.INCREASE, points,
                new ChartOptions(RuleSet.ANHOEJ, List.of(Phase.from(0), Phase.from(12)), null)))
                .hasMessageContaining("phase 2 starts at point 12 but the series has 10 points");
        assertThatThrownBy(() -> chart(MeasureType.CONTINUOUS, Direction.INCREASE, points,
                new ChartOptions(RuleSet.ANHOEJ, List.of(Phase.from(0), Phase.from(5), Phase.from(5)), null)))
                .hasMessageContaining("phase starts must increase");
    }
}
