package org.learninghealth.cycle.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.rollout.UnitGoLive;

class ChartRendererTest {

    static final LocalDate START = LocalDate.of(2026, 1, 5);

    static ControlChart fallsChart() {
        List<MeasurementPoint> points = new ArrayList<>();
        double[] falls = {95, 110, 88, 120, 102, 93, 128, 99, 111, 90, 72, 64, 55, 61, 47, 52, 44, 51, 43, 38};
        for (double f : falls) {
            points.add(MeasurementPoint.ratio(START.plusWeeks(points.size()), f, 10_000 + 400 * (points.size() % 3)));
        }
        return ControlCharts.of(MeasureType.RATE, Direction.DECREASE, points, 10, 1000);
    }

    /** Pixels within a small distance of a colour (lines are anti-aliased, so few pixels are exact). */
    static long pixels(BufferedImage image, int rgb) {
        long count = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                int p = image.getRGB(x, y);
                if (Math.abs(((p >> 16) & 0xff) - ((rgb >> 16) & 0xff)) <= 12 && Math.abs(((p >> 8) & 0xff) - ((rgb >> 8) & 0xff)) <= 12
                        && Math.abs((p & 0xff) - (rgb & 0xff)) <= 12) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void drawsAPngWithTheSignalsHighlightedAndTheGoLivesMarked() throws IOException {
        ControlChart chart = fallsChart();
        assertThat(chart.improvementPoints()).isPositive();
        byte[] png = ChartRenderer.png(chart, new ChartRenderer.Labels("LC-2026-0001 · Fewer falls", "Falls per patient-day", MeasureType.RATE),
                List.of(new UnitGoLive("4 West", START.plusWeeks(10)), new UnitGoLive("5 East", START.plusWeeks(12))));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/chart-example.png"), png);

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(ChartRenderer.WIDTH);
        assertThat(image.getHeight()).isEqualTo(ChartRenderer.HEIGHT);
        assertThat(pixels(image, 0x1a7f37)).as("improvement signals in green").isGreaterThan(50);
        assertThat(pixels(image, 0x6a3d9a)).as("go-live markers").isGreaterThan(50);
        assertThat(pixels(image, 0xeef2f7)).as("the baseline is shaded").isGreaterThan(10_000);
    }

    @Test
    void aChartWithoutSignalsHasNoSignalColours() throws IOException {
        List<MeasurementPoint> points = new ArrayList<>();
        for (double v : new double[]{10, 12, 11, 13, 9, 11, 12, 10, 11, 12}) {
            points.add(MeasurementPoint.single(START.plusDays(points.size()), v));
        }
        ControlChart chart = ControlCharts.of(MeasureType.CONTINUOUS, Direction.DECREASE, points, 8, 1000);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(chart,
                new ChartRenderer.Labels("Door to needle", "Minutes", MeasureType.CONTINUOUS), List.of())));
        assertThat(pixels(image, 0x1a7f37)).isZero();
        assertThat(pixels(image, 0xd62728)).isZero();
    }

    @Test
    void notesAreNumberedMarkersAtTheirPointsWithALegendBeneath() throws IOException {
        ControlChart chart = fallsChart();
        java.util.Map<LocalDate, String> notes = new java.util.LinkedHashMap<>();
        notes.put(START.plusWeeks(3), "agency staff on nights");
        notes.put(START.plusWeeks(12), "new bed alarms");
        org.jfree.chart.JFreeChart picture = ChartRenderer.draw(chart, new ChartRenderer.Labels("LC-2026-0001", "Falls", MeasureType.RATE), List.of(), notes);
        List<String> markers = picture.getXYPlot().getAnnotations().stream().filter(a -> a instanceof org.jfree.chart.annotations.XYTextAnnotation).map(a -> ((org.jfree.chart.annotations.XYTextAnnotation) a))
                .map(a -> a.getText() + "@" + LocalDate.ofEpochDay((long) a.getX() / 86_400_000L) + "=" + a.getY()).toList();
        assertThat(markers).containsExactly("1@" + START.plusWeeks(3) + "=" + chart.points().get(3).value(),
                "2@" + START.plusWeeks(12) + "=" + chart.points().get(12).value());
        assertThat(picture.getSubtitles()).anyMatch(t -> t instanceof org.jfree.chart.title.TextTitle title
                && title.getText().equals("Notes: 1 " + START.plusWeeks(3) + ": agency staff on nights · 2 " + START.plusWeeks(12) + ": new bed alarms"));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartRenderer.png(picture, ChartRenderer.WIDTH, ChartRenderer.HEIGHT)));
        Files.write(Path.of("target/chart-notes-example.png"), ChartRenderer.png(picture, ChartRenderer.WIDTH, ChartRenderer.HEIGHT));
        assertThat(pixels(image, 0xfff4ce)).as("the markers' yellow boxes").isGreaterThan(50);
    }
}
