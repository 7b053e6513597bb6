package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.evaluation.ChartRenderer;
import org.learninghealth.cycle.evaluation.Direction;
import org.learninghealth.cycle.evaluation.EvaluationProperties;
import org.learninghealth.cycle.evaluation.EvaluationService;
import org.learninghealth.cycle.evaluation.RuleSet;
import org.learninghealth.cycle.evaluation.SeriesAnalysis;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.rollout.UnitGoLive;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=EvaluationBenchmark}): the analysis (chart limits, run rules,
 * pre/post test) and the PNG of ten years of daily points, for a proportion and a continuous measure.
 */
class EvaluationBenchmark {

    static final int DAYS = 3653;

    @Test
    void tenYearsOfDailyPoints() {
        EvaluationService service = new EvaluationService(new EvaluationProperties(8, 8, 0.05, 1000, RuleSet.ANHOEJ));
        Random random = new Random(42);
        LocalDate start = LocalDate.of(2016, 1, 1);
        List<MeasurementPoint> proportions = new ArrayList<>(DAYS);
        List<MeasurementPoint> minutes = new ArrayList<>(DAYS);
        for (int d = 0; d < DAYS; d++) {
            int admitted = 80 + random.nextInt(60);
            double rate = d < DAYS / 2 ? 0.12 : 0.09;
            int cases = 0;
            for (int i = 0; i < admitted; i++) {
                cases += random.nextDouble() < rate ? 1 : 0;
            }
            proportions.add(MeasurementPoint.ratio(start.plusDays(d), cases, admitted));
            minutes.add(MeasurementPoint.single(start.plusDays(d), Math.max(5, 45 + 8 * random.nextGaussian() - (d < DAYS / 2 ? 0 : 6))));
        }
        int baseline = DAYS / 2;
        List<UnitGoLive> goLives = List.of(new UnitGoLive("4 West", start.plusDays(baseline)));
        for (var series : List.of(new Object[]{"proportion (p chart)", MeasureType.PROPORTION, proportions},
                new Object[]{"continuous (I chart)", MeasureType.CONTINUOUS, minutes})) {
            MeasureType type = (MeasureType) series[1];
            @SuppressWarnings("unchecked")
            List<MeasurementPoint> points = (List<MeasurementPoint>) series[2];
            SeriesAnalysis analysis = service.analyse(type, Direction.DECREASE, points, baseline);
            assertThat(analysis.chart().points()).hasSize(DAYS);
            Timing analyse = Timing.of(20, 100, () -> service.analyse(type, Direction.DECREASE, points, baseline));
            ChartRenderer.Labels labels = new ChartRenderer.Labels("Benchmark", "Measure", type);
            Timing draw = Timing.of(3, 20, () -> ChartRenderer.png(service.analyse(type, Direction.DECREASE, points, baseline).chart(), labels, goLives));
            int bytes = ChartRenderer.png(analysis.chart(), labels, goLives).length;
            System.out.printf("EvaluationBenchmark %s, %d daily points: analysis %s; analysis + PNG %s; PNG %,d bytes%n",
                    series[0], DAYS, analyse, draw, bytes);
        }
    }
}
