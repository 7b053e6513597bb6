package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;

/**
 * Control charts against published examples (Montgomery, <i>Introduction to Statistical Quality Control</i>, with
 * the limits qicharts2 computes; {@code src/test/resources/spc}) and against small hand-made series.
 */
class ControlChartsTest {

    static final LocalDate START = LocalDate.of(2024, 1, 1);
    static final double FOUR_DECIMALS = 5e-5;

    static List<CSVRecord> reference(String file) throws IOException {
        try (Reader in = new InputStreamReader(ControlChartsTest.class.getResourceAsStream("/spc/" + file), StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }

    static List<MeasurementPoint> ratios(List<CSVRecord> rows) {
        List<MeasurementPoint> points = new ArrayList<>();
        for (CSVRecord row : rows) {
            MeasurementPoint p = MeasurementPoint.ratio(START.plusWeeks(points.size()), Double.parseDouble(row.get("numerator")),
                    Double.parseDouble(row.get("denominator")));
            points.add(row.isMapped("excluded") && Boolean.parseBoolean(row.get("excluded")) ? p.asExcluded() : p);
        }
        return points;
    }

    static void assertMatches(ControlChart chart, List<CSVRecord> rows) {
        assertThat(chart.points()).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            ChartPoint point = chart.points().get(i);
            assertThat(chart.centerLine()).as("centre line").isCloseTo(Double.parseDouble(row.get("cl")), within(FOUR_DECIMALS));
            assertThat(point.lcl()).as("LCL of point %d", i + 1).isCloseTo(Double.parseDouble(row.get("lcl")), within(FOUR_DECIMALS));
            assertThat(point.ucl()).as("UCL of point %d", i + 1).isCloseTo(Double.parseDouble(row.get("ucl")), within(FOUR_DECIMALS));
            assertThat(point.signal()).as("signal of point %d", i + 1).isEqualTo(Boolean.parseBoolean(row.get("beyond_limits")));
        }
    }

    @Test
    void montgomeryExample6_5IndividualsChartWithLimitsFromTheFirst20Weeks() throws IOException {
        List<CSVRecord> rows = reference("montgomery-6.5-i-chart.csv");
        List<MeasurementPoint> points = rows.stream().map(r -> MeasurementPoint.single(START.plusWeeks(Long.parseLong(r.get("week"))),
                Double.parseDouble(r.get("value")))).toList();
        ControlChart chart = ControlCharts.of(MeasureType.CONTINUOUS, Direction.INCREASE, points, 20, 1000);

        assertThat(chart.type()).isEqualTo(ChartType.I);
        assertThat(chart.centerLine()).isCloseTo(300.5, within(FOUR_DECIMALS));
        assertThat(chart.points().get(0).lcl()).isCloseTo(279.7833, within(FOUR_DECIMALS));
        assertThat(chart.points().get(0).ucl()).isCloseTo(321.2167, within(FOUR_DECIMALS));
        assertMatches(chart, rows);
        assertThat(chart.points().stream().filter(ChartPoint::signal).map(p -> points.indexOf(points.stream()
                .filter(q -> q.period().equals(p.period())).findFirst().orElseThrow()) + 1)).containsExactly(39, 40);
        // the moving-range chart: MR̄ = 148/19, UCL = 3.267 MR̄
        assertThat(chart.movingRangeCenter()).isCloseTo(148.0 / 19, within(1e-9));
        assertThat(chart.movingRangeUcl()).isCloseTo(3.267 * 148.0 / 19, within(1e-9));
        assertThat(chart.points().get(1).movingRange()).isEqualTo(22.0);
        assertThat(chart.points().get(0).movingRange()).isNull();
        assertThat(chart.improvementSignal()).as("weeks 39 and 40 are above the limit, the desired direction").isTrue();
        assertThat(ControlCharts.of(MeasureType.CONTINUOUS, Direction.DECREASE, points, 20, 1000).points().stream()
                .anyMatch(ChartPoint::improvement)).as("a rise is not an improvement when lower is better").isFalse();
    }

    @Test
    void montgomeryExample7_1PChartWithSamples15And23ExcludedFromTheLimitsButJudged() throws IOException {
        List<CSVRecord> rows = reference("montgomery-7.1-p-chart.csv");
        ControlChart chart = ControlCharts.of(MeasureType.PROPORTION, Direction.DECREASE, ratios(rows), rows.size(), 1000);

        assertThat(chart.type()).isEqualTo(ChartType.P);
        assertThat(chart.centerLine()).isCloseTo(0.2150, within(FOUR_DECIMALS));
        assertThat(chart.points().get(0).lcl()).isCloseTo(0.04070, within(FOUR_DECIMALS));
        assertThat(chart.points().get(0).ucl()).isCloseTo(0.38930, within(FOUR_DECIMALS));
        assertMatches(chart, rows);
        assertThat(chart.points().get(14).excluded()).isTrue();
        assertThat(chart.points().get(14).signal()).as("sample 15 is excluded from the limits but still judged").isTrue();
        assertThat(chart.improvementSignal()).as("no intervention period").isFalse();
    }

    @Test
    void montgomeryTable7_4PChartWithLimitsFromEachSamplesOwnN() throws IOException {
        List<CSVRecord> rows = reference("montgomery-table-7.4-p-chart-variable-n.csv");
        ControlChart chart = ControlCharts.of(MeasureType.PROPORTION, Direction.DECREASE, ratios(rows), rows.size(), 1000);

        assertThat(chart.centerLine()).isCloseTo(0.0955102, within(5e-8));
        assertMatches(chart, rows);
        assertThat(chart.points().get(1).lcl()).as("a negative lower limit is cut at 0").isZero();
    }

    @Test
    void limitsFromTheBaselineAreHeldForTheIntervention() {
        List<MeasurementPoint> points = new ArrayList<>();
        double[] values = {10, 12, 11, 13, 9, 11, 12, 10, 4, 5, 4, 3};
        for (double v : values) {
            points.add(MeasurementPoint.single(START.plusDays(points.size()), v));
        }
        ControlChart chart = ControlCharts.of(MeasureType.CONTINUOUS, Direction.DECREASE, points, 8, 1000);
        assertThat(chart.centerLine()).isEqualTo(11.0);
        assertThat(chart.points()).allSatisfy(p -> assertThat(p.ucl()).isEqualTo(chart.points().get(0).ucl()));
        assertThat(chart.points().subList(8, 12)).allMatch(ChartPoint::improvement).noneMatch(ChartPoint::baseline);
        assertThat(chart.improvementSignal()).isTrue();
    }

    @Test
    void uChartLimitsVaryWithExposureAndStayAtOrAboveZero() {
        List<MeasurementPoint> points = List.of(MeasurementPoint.ratio(START, 4, 1000), MeasurementPoint.ratio(START.plusMonths(1), 6, 1000),
                MeasurementPoint.ratio(START.plusMonths(2), 2, 250), MeasurementPoint.ratio(START.plusMonths(3), 1, 900));
        ControlChart chart = ControlCharts.of(MeasureType.RATE, Direction.DECREASE, points, 3, 1000);
        double u = 12.0 / 2250;
        assertThat(chart.type()).isEqualTo(ChartType.U);
        assertThat(chart.centerLine()).isCloseTo(u, within(1e-12));
        assertThat(chart.points().get(0).ucl()).isCloseTo(u + 3 * Math.sqrt(u / 1000), within(1e-12));
        assertThat(chart.points().get(2).ucl()).isCloseTo(u + 3 * Math.sqrt(u / 250), within(1e-12));
        assertThat(chart.points()).allSatisfy(p -> assertThat(p.lcl()).isZero());
    }

    @Test
    void cChartForCounts() {
        List<MeasurementPoint> points = new ArrayList<>();
        for (double v : new double[]{4, 6, 5, 5, 7, 3, 14}) {
            points.add(MeasurementPoint.single(START.plusMonths(points.size()), v));
        }
        ControlChart chart = ControlCharts.of(MeasureType.COUNT, Direction.DECREASE, points, 6, 1000);
        assertThat(chart.type()).isEqualTo(ChartType.C);
        assertThat(chart.centerLine()).isEqualTo(5.0);
        assertThat(chart.points().get(0).ucl()).isCloseTo(5 + 3 * Math.sqrt(5), within(1e-12));
        assertThat(chart.points().get(0).lcl()).isZero();
        ChartPoint last = chart.points().get(6);
        assertThat(last.signal()).isTrue();
        assertThat(last.improvement()).as("more infections is worse").isFalse();
        assertThat(chart.improvementSignal()).isFalse();
    }

    @Test
    void laneyPPrimeIsChosenForOverDispersedProportionsWithLargeDenominatorsAndSaysWhy() {
        double[] events = {1000, 1180, 930, 1270, 1050, 890, 1210, 1120, 980, 1150, 1060, 940};
        List<MeasurementPoint> points = new ArrayList<>();
        for (double x : events) {
            points.add(MeasurementPoint.ratio(START.plusMonths(points.size()), x, 10_000));
        }
        ControlChart chart = ControlCharts.of(MeasureType.PROPORTION, Direction.INCREASE, points, 12, 1000);
        // expected values from NumPy: p̄ = 0.1065, σz = mean |Δz| / 1.128 = 5.434248
        assertThat(chart.type()).isEqualTo(ChartType.P_PRIME);
        assertThat(chart.sigmaZ()).isCloseTo(5.434248170667931, within(1e-9));
        assertThat(chart.points().get(0).ucl()).isCloseTo(0.15679013539651837, within(1e-12));
        assertThat(chart.points().get(0).lcl()).isCloseTo(0.05620986460348162, within(1e-12));
        assertThat(chart.points()).noneMatch(ChartPoint::signal);
        assertThat(chart.reason()).contains("Laney p′ chart", "5.4 times more than binomial variation", "mean 10,000 ≥ 1,000");

        ControlChart ordinary = ControlCharts.of(MeasureType.PROPORTION, Direction.INCREASE, points, 12, 20_000);
        assertThat(ordinary.type()).as("below the denominator threshold the p chart is kept").isEqualTo(ChartType.P);
        assertThat(ordinary.points().get(0).ucl()).isCloseTo(0.11575429494883321, within(1e-12));
        assertThat(ordinary.points().stream().filter(ChartPoint::signal).count()).as("the p chart flags ordinary variation").isGreaterThan(5);
        assertThat(ordinary.reason()).contains("over-dispersed", "ordinary chart is kept");
    }

    @Test
    void laneyIsNotUsedWhenTheBaselineVariesAsTheBinomialModelExpects() {
        double[] events = {1003, 1010, 995, 1001, 998, 1006, 994, 1002};
        List<MeasurementPoint> points = new ArrayList<>();
        for (double x : events) {
            points.add(MeasurementPoint.ratio(START.plusMonths(points.size()), x, 10_000));
        }
        ControlChart chart = ControlCharts.of(MeasureType.PROPORTION, Direction.INCREASE, points, 8, 1000);
        assertThat(chart.type()).isEqualTo(ChartType.P);
        assertThat(chart.sigmaZ()).isEqualTo(1.0);
    }

    @Test
    void aFlatBaselineCollapsesTheLimitsAndSaysSo() {
        List<MeasurementPoint> points = new ArrayList<>();
        for (double v : new double[]{5, 5, 5, 5, 6}) {
            points.add(MeasurementPoint.single(START.plusDays(points.size()), v));
        }
        ControlChart chart = ControlCharts.of(MeasureType.CONTINUOUS, Direction.INCREASE, points, 4, 1000);
        assertThat(chart.movingRangeCenter()).isZero();
        assertThat(chart.points().get(0).lcl()).isEqualTo(5.0);
        assertThat(chart.points().get(0).ucl()).isEqualTo(5.0);
        assertThat(chart.points().subList(0, 4)).noneMatch(ChartPoint::signal);
        assertThat(chart.points().get(4).improvement()).isTrue();
        assertThat(chart.reason()).contains("does not vary (MR̄ = 0)");
    }

    @Test
    void excludedPointsBreakTheMovingRangesTheyTouch() {
        List<MeasurementPoint> points = new ArrayList<>(List.of(MeasurementPoint.single(START, 10), MeasurementPoint.single(START.plusDays(1), 12),
                MeasurementPoint.single(START.plusDays(2), 50).asExcluded(), MeasurementPoint.single(START.plusDays(3), 11),
                MeasurementPoint.single(START.plusDays(4), 15)));
        ControlChart chart = ControlCharts.of(MeasureType.CONTINUOUS, Direction.INCREASE, points, 5, 1000);
        assertThat(chart.centerLine()).isEqualTo(12.0);
        assertThat(chart.movingRangeCenter()).as("|12-10| and |15-11|; the ranges next to the excluded 50 are left out").isEqualTo(3.0);
        assertThat(chart.points().get(2).signal()).isTrue();
    }

    @Test
    void aBaselineOfOnlyExcludedPointsIsRefused() {
        List<MeasurementPoint> points = List.of(MeasurementPoint.single(START, 1).asExcluded(), MeasurementPoint.single(START.plusDays(1), 2));
        assertThatThrownBy(() -> ControlCharts.of(MeasureType.CONTINUOUS, Direction.INCREASE, points, 1, 1000))
                .hasMessageContaining("every baseline point is excluded");
    }
}
