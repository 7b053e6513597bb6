package org.learninghealth.cycle.evaluation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.TimeZone;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.rollout.UnitGoLive;

/**
 * Draws a control chart as PNG with JFreeChart: the measure per period, centre line, stepped 3-sigma limits, the
 * baseline median, the baseline shaded, a marker per unit go-live, and signals beyond the limits highlighted (green
 * when an improvement, red otherwise); notes on points as numbered markers with a legend beneath.
 */
public final class ChartRenderer {

    /** What the picture is of. */
    public record Labels(String title, String measureName, MeasureType type) {
    }

    public static final int WIDTH = 960;
    public static final int HEIGHT = 520;
    /** Beyond this many periods the points are drawn as a line only, so the chart stays readable. */
    static final int MAX_POINT_SHAPES = 400;

    private static final Color MEASURE = new Color(0x1f, 0x4e, 0x79);
    private static final Color LIMIT = new Color(0xb0, 0x3a, 0x2e);
    private static final Color IMPROVEMENT = new Color(0x1a, 0x7f, 0x37);
    private static final Color WORSE = new Color(0xd6, 0x27, 0x28);
    private static final Color GO_LIVE = new Color(0x6a, 0x3d, 0x9a);
    private static final Color NOTE = new Color(0x7a, 0x4b, 0x00);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ChartRenderer() {
    }

    public static byte[] png(ControlChart chart, Labels labels, List<UnitGoLive> goLives) {
        return png(chart, labels, goLives, WIDTH, HEIGHT);
    }

    public static byte[] png(ControlChart chart, Labels labels, List<UnitGoLive> goLives, int width, int height) {
        return png(chart, labels, goLives, Map.of(), width, height);
    }

    /** @param notes what happened in a period, drawn as a numbered marker at its point and listed beneath the chart */
    public static byte[] png(ControlChart chart, Labels labels, List<UnitGoLive> goLives, Map<LocalDate, String> notes, int width, int height) {
        return png(draw(chart, labels, goLives, notes), width, height);
    }

    public static byte[] png(JFreeChart picture, int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, picture, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Several charts one above the other in one PNG (one per unit: small multiples). */
    public static byte[] stacked(List<JFreeChart> charts, int width, int heightEach) {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, Math.max(1, charts.size()) * heightEach,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            charts.get(i).draw(g, new java.awt.geom.Rectangle2D.Double(0, (double) i * heightEach, width, heightEach));
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeBufferedImageAsPNG(out, image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JFreeChart draw(ControlChart chart, Labels labels, List<UnitGoLive> goLives) {
        return draw(chart, labels, goLives, Map.of());
    }

    public static JFreeChart draw(ControlChart chart, Labels labels, List<UnitGoLive> goLives, Map<LocalDate, String> notes) {
        XYSeries measure = new XYSeries(labels.measureName(), false, true);
        XYSeries improvement = new XYSeries("Signal: improvement", false, true);
        XYSeries worse = new XYSeries("Signal: not an improvement", false, true);
        XYSeries ucl = new XYSeries("Upper limit", false, true);
        XYSeries lcl = new XYSeries("Lower limit", false, true);
        XYSeries center = new XYSeries(chart.phases().size() > 1 ? "Centre line (each phase)" : "Centre line (baseline)", false, true);
        XYSeries median = new XYSeries("Median (baseline)", false, true);
        long baselineStart = Long.MAX_VALUE, baselineEnd = Long.MIN_VALUE;
        int phase = 0;
        for (ChartPoint p : chart.points()) {
            long x = millis(p.period());
            measure.add(x, p.value());
            if (p.improvement()) {
                improvement.add(x, p.value());
            } else if (p.concern() || p.signal()) {
                worse.add(x, p.value());
            }
            if (p.phase() != phase) {
                // a new phase: its own centre line and limits, not joined to the last phase's
                phase = p.phase();
                ucl.add(x - 1, null);
                lcl.add(x - 1, null);
                center.add(x - 1, null);
            }
            ucl.add(x, p.ucl());
            lcl.add(x, p.lcl());
            center.add(x, p.centerLine());
            median.add(x, chart.runs().median());
            if (p.baseline()) {
                baselineStart = Math.min(baselineStart, x);
                baselineEnd = Math.max(baselineEnd, x);
            }
        }

        DateAxis time = new DateAxis("Period");
        time.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
        NumberAxis value = new NumberAxis(yLabel(labels, chart));
        value.setAutoRangeIncludesZero(false);
        if (labels.type() == MeasureType.PROPORTION) {
            NumberFormat percent = NumberFormat.getPercentInstance(Locale.ROOT);
            percent.setMaximumFractionDigits(1);
            value.setNumberFormatOverride(percent);
        }

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(value);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));

        XYLineAndShapeRenderer signals = new XYLineAndShapeRenderer(false, true);
        signals.setSeriesPaint(0, IMPROVEMENT);
        signals.setSeriesPaint(1, WORSE);
        Ellipse2D big = new Ellipse2D.Double(-5, -5, 10, 10);
        signals.setSeriesShape(0, big);
        signals.setSeriesShape(1, big);
        signals.setSeriesVisibleInLegend(0, improvement.getItemCount() > 0);
        signals.setSeriesVisibleInLegend(1, worse.getItemCount() > 0);
        plot.setDataset(0, collection(improvement, worse));
        plot.setRenderer(0, signals);

        boolean shapes = chart.points().size() <= MAX_POINT_SHAPES;
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, shapes);
        line.setSeriesPaint(0, MEASURE);
        line.setSeriesStroke(0, new BasicStroke(shapes ? 1.5f : 1f));
        line.setSeriesShape(0, new Ellipse2D.Double(-3, -3, 6, 6));
        plot.setDataset(1, collection(measure));
        plot.setRenderer(1, line);

        XYStepRenderer limits = new XYStepRenderer();
        limits.setStepPoint(0.5);
        BasicStroke dashed = new BasicStroke(1.3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f);
        limits.setSeriesPaint(0, LIMIT);
        limits.setSeriesPaint(1, LIMIT);
        limits.setSeriesStroke(0, dashed);
        limits.setSeriesStroke(1, dashed);
        limits.setSeriesPaint(2, Color.DARK_GRAY);
        limits.setSeriesStroke(2, new BasicStroke(1.3f));
        limits.setSeriesPaint(3, Color.GRAY);
        limits.setSeriesStroke(3, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{2f, 3f}, 0f));
        plot.setDataset(2, collection(ucl, lcl, center, median));
        plot.setRenderer(2, limits);

        if (baselineStart <= baselineEnd) {
            IntervalMarker baseline = new IntervalMarker(baselineStart, baselineEnd, new Color(0xee, 0xf2, 0xf7));
            baseline.setAlpha(1f);
            baseline.setLabel("Baseline");
            baseline.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            baseline.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            baseline.setLabelOffset(new RectangleInsets(4, 6, 4, 4));
            plot.addDomainMarker(baseline, Layer.BACKGROUND);
        }
        Map<LocalDate, List<String>> unitsByDay = new TreeMap<>();
        goLives.forEach(g -> unitsByDay.computeIfAbsent(g.date(), d -> new ArrayList<>()).add(g.unit()));
        unitsByDay.forEach((day, units) -> {
            ValueMarker marker = new ValueMarker(millis(day), GO_LIVE,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f));
            marker.setLabel("go-live " + String.join(", ", units));
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            plot.addDomainMarker(marker);
        });

        List<String> legend = new ArrayList<>();
        for (ChartPoint p : chart.points()) {
            String note = notes.get(p.period());
            if (note != null) {
                String number = String.valueOf(legend.size() + 1);
                org.jfree.chart.annotations.XYTextAnnotation marker = new org.jfree.chart.annotations.XYTextAnnotation(number, millis(p.period()), p.value());
                marker.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
                marker.setPaint(NOTE);
                marker.setBackgroundPaint(new Color(0xff, 0xf4, 0xce));
                marker.setOutlineVisible(true);
                marker.setOutlinePaint(NOTE);
                marker.setTextAnchor(TextAnchor.BOTTOM_CENTER);
                marker.setY(p.value());
                plot.addAnnotation(marker);
                legend.add(number + " " + p.period() + (p.excluded() ? " (excluded)" : "") + ": " + note);
            }
        }

        plot.addAnnotation(new IconsAnnotation(chart.variationIcon(), chart.assuranceIcon()));

        JFreeChart picture = new JFreeChart(labels.title(), new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        picture.setBackgroundPaint(Color.WHITE);
        picture.addSubtitle(new TextTitle(subtitle(chart, labels.type()), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        if (!legend.isEmpty()) {
            TextTitle notesTitle = new TextTitle("Notes: " + String.join(" · ", legend), new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            notesTitle.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
            notesTitle.setPaint(NOTE);
            picture.addSubtitle(notesTitle);
        }
        return picture;
    }

    /** Making Data Count's icons in the top right corner of the plot. */
    private static final class IconsAnnotation extends org.jfree.chart.annotations.AbstractXYAnnotation {
        private final VariationIcon variation;
        private final AssuranceIcon assurance;

        IconsAnnotation(VariationIcon variation, AssuranceIcon assurance) {
            this.variation = variation;
            this.assurance = assurance;
        }

        @Override
        public void draw(java.awt.Graphics2D g2, XYPlot plot, java.awt.geom.Rectangle2D dataArea, org.jfree.chart.axis.ValueAxis domainAxis,
                         org.jfree.chart.axis.ValueAxis rangeAxis, int rendererIndex, org.jfree.chart.plot.PlotRenderingInfo info) {
            int size = (int) Math.max(18, Math.min(34, dataArea.getHeight() / 8));
            MdcIcons.paint(g2, variation, assurance, (int) dataArea.getMaxX() - 6, (int) dataArea.getMinY() + 6, size);
        }
    }

    private static String yLabel(Labels labels, ControlChart chart) {
        return labels.measureName() + " (" + chart.type().label() + ")";
    }

    private static String subtitle(ControlChart chart, MeasureType type) {
        String center = type == MeasureType.PROPORTION ? String.format(Locale.ROOT, "%.1f%%", chart.centerLine() * 100)
                : String.format(Locale.ROOT, "%.4g", chart.centerLine());
        RunAnalysis runs = chart.runs();
        String icons = " · " + chart.variationIcon().text() + (chart.assuranceIcon() == null ? "" : " · " + chart.assuranceIcon().text());
        if (chart.rules() == RuleSet.NHS_MDC) {
            return String.format(Locale.ROOT, "Making Data Count · centre line %s · %d beyond limits (%d improvement)%s", center, chart.limitSignals(),
                    chart.improvementPoints(), icons);
        }
        return String.format(Locale.ROOT, "Centre line %s · %d beyond limits (%d improvement) · longest run %d (limit %d) · crossings %d (minimum %d)%s%s",
                center, chart.limitSignals(), chart.improvementPoints(), runs.longestRun(), runs.longestRunLimit(), runs.crossings(),
                runs.crossingsLimit(), chart.type().isLaney() ? String.format(Locale.ROOT, " · Laney σz %.2f", chart.sigmaZ()) : "", icons);
    }

    private static XYSeriesCollection collection(XYSeries... series) {
        XYSeriesCollection collection = new XYSeriesCollection();
        for (XYSeries s : series) {
            collection.addSeries(s);
        }
        return collection;
    }

    private static long millis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
