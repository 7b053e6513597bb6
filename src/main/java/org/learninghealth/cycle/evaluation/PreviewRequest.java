package org.learninghealth.cycle.evaluation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.learninghealth.cycle.measurement.MeasureType;
import org.learninghealth.cycle.measurement.MeasurementDataException;
import org.learninghealth.cycle.measurement.MeasurementPoint;
import org.learninghealth.cycle.measurement.Periods;
import org.learninghealth.cycle.system.ApiException;

/**
 * The body of {@code POST /api/evaluation/preview}: a series an analyst wants judged without running a cycle.
 *
 * @param baselinePoints the first this many periods (in time order) are the baseline; without {@code phases} their
 *                       limits are held for the whole series
 * @param phases         0-based indices (in time order) of the points where a new phase starts, each with its own centre
 *                       line and limits; the first phase (from point 0, whether 0 is listed or not) is the baseline
 * @param freezePoints   per phase from the first, optional (null entries allowed): its limits from its first this many
 *                       points only
 * @param rules          {@code anhoej} (default) or {@code nhs-mdc}
 * @param target         the aim, for the assurance icon
 */
public record PreviewRequest(String type, String direction, Integer baselinePoints, List<Point> points, List<Integer> phases,
                             List<Integer> freezePoints, String rules, Double target) {

    public PreviewRequest(String type, String direction, Integer baselinePoints, List<Point> points) {
        this(type, direction, baselinePoints, points, null, null, null, null);
    }

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
    public record Checked(MeasureType type, Direction direction, int baselineCount, List<MeasurementPoint> points, ChartOptions options) {
    }

    /** @throws ApiException 400 naming each bad point and its problem */
    public Checked check(RuleSet defaultRules) {
        MeasureType measureType;
        Direction better;
        RuleSet ruleSet;
        try {
            measureType = MeasureType.of(type);
            better = measureType.isBetweenEvents() && direction == null ? Direction.INCREASE : Direction.of(direction);
            ruleSet = RuleSet.of(rules, defaultRules);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (measureType.isBetweenEvents() && better != Direction.INCREASE) {
            throw ApiException.badRequest("For " + measureType.code() + " more between events is better: send direction increase or leave it out.");
        }
        if (points == null || points.size() < 2) {
            throw ApiException.badRequest("Send at least 2 points; found " + (points == null ? 0 : points.size()) + ".");
        }
        if (points.size() > MAX_POINTS) {
            throw ApiException.badRequest("Send at most " + MAX_POINTS + " points; found " + points.size() + ".");
        }
        List<String> problems = new ArrayList<>();
        List<MeasurementPoint> checked = new ArrayList<>();
        boolean fromDates = measureType == MeasureType.DAYS_BETWEEN_EVENTS && points.stream().allMatch(p -> p != null && p.value() == null);
        Map<LocalDate, Integer> seen = new HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            MeasurementPoint point = check(i + 1, points.get(i), measureType, fromDates, problems);
            if (point != null) {
                Integer earlier = seen.putIfAbsent(point.period(), i + 1);
                if (earlier != null) {
                    problems.add("point " + (i + 1) + ": period " + point.period() + " appears twice (also point " + earlier + ")");
                } else {
                    checked.add(point);
                }
            }
        }
        checked.sort(Comparator.comparing(MeasurementPoint::period));
        if (fromDates) {
            checked = gapsFromDates(checked);
        }
        int size = fromDates ? points.size() - 1 : points.size();
        List<Phase> phaseList = phases(size, problems);
        Integer baseline = baselinePoints;
        if (baseline == null && phaseList != null) {
            baseline = phaseList.size() > 1 ? phaseList.get(1).start() : size;
        }
        if (baseline == null) {
            problems.add("baselinePoints is missing: say how many of the first periods are the baseline (or send phases)");
        } else if (baseline < 2 || baseline > size) {
            problems.add("baselinePoints " + baseline + " must be between 2 and the number of points (" + size + ")");
        } else if (phaseList != null && phaseList.size() > 1 && phaseList.get(1).start() != baseline) {
            problems.add("baselinePoints " + baseline + " differs from the start of the second phase (" + phaseList.get(1).start()
                    + "); the first phase is the baseline");
        }
        if (target != null && !Double.isFinite(target)) {
            problems.add("target must be a number");
        }
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("The series cannot be judged: " + String.join("; ", MeasurementDataException.summarise(problems)) + ".");
        }
        ChartOptions options = new ChartOptions(ruleSet, phaseList != null ? phaseList : List.of(new Phase(0, baseline)), target);
        return new Checked(measureType, better, baseline, List.copyOf(checked), options);
    }

    /** Days between events given as the dates of the events: the first date starts the clock. */
    static List<MeasurementPoint> gapsFromDates(List<MeasurementPoint> events) {
        List<MeasurementPoint> gaps = new ArrayList<>();
        for (int i = 1; i < events.size(); i++) {
            gaps.add(events.get(i).daysAfter(events.get(i - 1)));
        }
        return gaps;
    }

    private List<Phase> phases(int size, List<String> problems) {
        if (phases == null || phases.isEmpty()) {
            if (freezePoints != null && !freezePoints.isEmpty()) {
                problems.add("freezePoints needs phases (send phases: [0] for one phase)");
            }
            return null;
        }
        List<Integer> starts = new ArrayList<>(phases);
        if (starts.contains(null)) {
            problems.add("phases must be point indices, without empty entries");
            return null;
        }
        if (starts.get(0) != 0) {
            starts.add(0, 0);
        }
        if (freezePoints != null && freezePoints.size() > starts.size()) {
            problems.add("freezePoints has " + freezePoints.size() + " entries for " + starts.size() + " phases");
        }
        List<Phase> result = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            Integer freeze = freezePoints != null && k < freezePoints.size() ? freezePoints.get(k) : null;
            result.add(new Phase(starts.get(k), freeze));
        }
        try {
            new ChartOptions(RuleSet.ANHOEJ, result, null).check(size);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
        return result;
    }

    private static MeasurementPoint check(int n, Point p, MeasureType type, boolean fromDates, List<String> problems) {
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
        } else if (fromDates) {
            // the value is the gap from the event before, computed once all dates are checked
        } else if (p.value() == null) {
            problems.add(name + ": value is missing" + (type == MeasureType.DAYS_BETWEEN_EVENTS ? " (send a value for every event, or none: then the days are counted between the dates)" : ""));
        } else if (!Double.isFinite(p.value())) {
            problems.add(name + ": value " + p.value() + " must be a finite number");
        } else if ((type == MeasureType.COUNT || type == MeasureType.CASES_BETWEEN_EVENTS) && (p.value() < 0 || p.value() != Math.rint(p.value()))) {
            problems.add(name + ": " + (type == MeasureType.COUNT ? "count " : "cases between events ") + p.value() + " must be a whole number, 0 or more");
        } else if (type == MeasureType.DAYS_BETWEEN_EVENTS && p.value() <= 0) {
            problems.add(name + ": days between events " + p.value() + " must be greater than 0 (two events on one day: add them as one gap)");
        }
        if (problems.size() > before) {
            return null;
        }
        MeasurementPoint point = type.isRatio() ? MeasurementPoint.ratio(period, p.numerator(), p.denominator())
                : MeasurementPoint.single(period, p.value() == null ? 0 : p.value());
        return Boolean.TRUE.equals(p.excluded()) ? point.asExcluded() : point;
    }
}
