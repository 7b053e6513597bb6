package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementDataException;
import org.learninghealth.cycle.measurement.Periods;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.system.ApiException;

/**
 * The body of {@code POST /api/evaluation/preview}: a series an analyst wants judged without running a cycle.
 *
 * @param baselinePoints the first this many periods (in time order) are the baseline
 */
public record PreviewRequest(String type, String direction, Integer baselinePoints, List<Point> points) {

    /** Most periods one preview takes: 20 years of daily data. */
    public static final int MAX_POINTS = 7305;

    /**
     * @param numerator   proportion: cases; rate: events
     * @param denominator proportion: cases + non-cases; rate: exposure
     * @param value       count or continuous measure
     * @param excluded    a known special cause: drawn and judged, left out of centre line, limits and median
     */
    public record Point(String period, Double numerator, Double denominator, Double value, Boolean excluded) {
    }

    /** A checked request, points in time order. */
    public record Checked(MeasureType type, Direction direction, int baselineCount, List<MeasurementPoint> points) {
    }

    /** @throws ApiException 400 naming each bad point and its problem */
    public Checked check() {
        MeasureType measureType;
        Direction better;
        try {
            measureType = MeasureType.of(type);
            better = Direction.of(direction);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (points == null || points.size() < 2) {
            throw ApiException.badRequest("Send at least 2 points; found " + (points == null ? 0 : points.size()) + ".");
        }
        if (points.size() > MAX_POINTS) {
            throw ApiException.badRequest("Send at most " + MAX_POINTS + " points; found " + points.size() + ".");
        }
        List<String> problems = new ArrayList<>();
        List<MeasurementPoint> checked = new ArrayList<>();
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            MeasurementPoint point = check(i + 1, points.get(i), measureType, problems);
            if (point != null) {
                Integer earlier = seen.putIfAbsent(point.period(), i + 1);
                if (earlier != null) {
                    problems.add("point " + (i + 1) + ": period " + point.period() + " appears twice (also point " + earlier + ")");
                } else {
                    checked.add(point);
                }
            }
        }
        if (baselinePoints == null) {
            problems.add("baselinePoints is missing: say how many of the first periods are the baseline");
        } else if (baselinePoints < 2 || baselinePoints > points.size()) {
            problems.add("baselinePoints " + baselinePoints + " must be between 2 and the number of points (" + points.size() + ")");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("The series cannot be judged: " + String.join("; ", MeasurementDataException.summarise(problems)) + ".");
        }
        checked.sort(Comparator.comparing(MeasurementPoint::period));
        return new Checked(measureType, better, baselinePoints, List.copyOf(checked));
    }

    private static MeasurementPoint check(int n, Point p, MeasureType type, List<String> problems) {
        if (p == null) {
            problems.add("point " + n + " is empty");
            return null;
        }
        String name = "point " + n + (p.period() == null ? "" : " (" + p.period() + ")");
        int before = problems.size();
        LocalDate period = null;
        if (p.period() == null || p.period().isBlank()) {
            problems.add(name + ": period is missing");
        } else {
            period = Periods.parse(p.period(), org.learninghealth.cycle.measurement.DateOrder.MDY);
            if (period == null) {
                problems.add(name + ": period '" + p.period() + "' is not a date like 2024-01-01 or a month like 2024-01");
            }
        }
        if (type.isRatio()) {
            if (p.numerator() == null) {
                problems.add(name + ": numerator is missing");
            } else if (p.numerator() < 0 || !Double.isFinite(p.numerator())) {
                problems.add(name + ": numerator " + p.numerator() + " must be 0 or more");
            }
            if (p.denominator() == null) {
                problems.add(name + ": denominator is missing");
            } else if (p.denominator() <= 0 || !Double.isFinite(p.denominator())) {
                problems.add(name + ": denominator " + p.denominator() + " must be greater than 0");
            }
            if (type == MeasureType.PROPORTION && p.numerator() != null && p.denominator() != null && p.numerator() > p.denominator()) {
                problems.add(name + ": numerator " + p.numerator() + " is larger than denominator " + p.denominator()
                        + " (a proportion cannot exceed 1)");
            }
        } else if (p.value() == null) {
            problems.add(name + ": value is missing");
        } else if (type == MeasureType.COUNT && (p.value() < 0 || p.value() != Math.rint(p.value()))) {
            problems.add(name + ": count " + p.value() + " must be a whole number, 0 or more");
        } else if (!Double.isFinite(p.value()) || p.value() < 0) {
            problems.add(name + ": value " + p.value() + " must be a number, 0 or more");
        }
        if (problems.size() > before) {
            return null;
        }
        MeasurementPoint point = type.isRatio() ? MeasurementPoint.ratio(period, p.numerator(), p.denominator())
                : MeasurementPoint.single(period, p.value());
        return Boolean.TRUE.equals(p.excluded()) ? point.asExcluded() : point;
    }
}
