package org.learninghealth.cycle.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * Making Data Count's XmR limits and special-cause rules, with the semantics of NHSRplotthedots 0.2.x
 * ({@code ptd_spc_standard}, {@code ptd_calculate_point_type}), applied to one phase at a time:
 * <ul>
 *   <li>limits mean ± 2.66 · MR̄; moving ranges of 3.267 · MR̄ or more are screened out and MR̄ recomputed; only
 *       consecutive points that both count give a moving range;</li>
 *   <li>outside: above the upper or below the lower limit (strictly);</li>
 *   <li>shift: 7 consecutive points with the same sign of (value − mean); a point exactly on the mean breaks it;
 *       every point of such a run is flagged;</li>
 *   <li>trend: 7 points, each strictly higher (or each strictly lower) than the one before; an equal value breaks it;</li>
 *   <li>two of three: at least two of three consecutive points in the outer third (beyond mean ± ⅔ of the distance to
 *       the limit, but not beyond the limit), all three on the same side of the mean; only the points in the outer
 *       third are flagged, a point beyond the limit does not count as one of the two;</li>
 *   <li>a point's special cause is the first of outside, trend, two of three, shift that flags it; its side is where
 *       the point lies (a trend's side is its direction).</li>
 * </ul>
 */
final class MakingDataCount {

    static final double LIMIT = 2.66;
    static final double SCREEN = 3.267;
    static final int RUN = 7;

    private MakingDataCount() {
    }

    /** Centre line and MR̄ of the XmR chart over {@code used} indices of {@code y} (in order). */
    record Limits(double mean, double mrBar) {
        double lower() {
            return mean - LIMIT * mrBar;
        }

        double upper() {
            return mean + LIMIT * mrBar;
        }
    }

    /** @param used indices, ascending, of the points that set the limits (the phase's first n, not excluded) */
    static Limits limits(double[] y, List<Integer> used) {
        double mean = used.stream().mapToDouble(i -> y[i]).average().orElseThrow();
        double[] ranges = ControlCharts.adjacentRanges(y, used, "an XmR chart");
        double mr = java.util.Arrays.stream(ranges).average().orElseThrow();
        double screened = java.util.Arrays.stream(ranges).filter(r -> r < SCREEN * mr).average().orElse(mr);
        return new Limits(mean, screened);
    }

    /** What the rules say about one point: the rules in order of precedence (outside, trend, two of three, shift). */
    record Flags(List<Rule> rules, int side) {
    }

    /**
     * @param y   the values of one phase, in time order
     * @param cl  the phase's centre line per point
     * @param lcl lower limits per point; {@code ucl} upper
     */
    static List<Flags> flags(double[] y, double[] cl, double[] lcl, double[] ucl) {
        int n = y.length;
        boolean[] outside = new boolean[n], close = new boolean[n];
        int[] side = new int[n];
        for (int i = 0; i < n; i++) {
            outside[i] = y[i] > ucl[i] || y[i] < lcl[i];
            side[i] = (int) Math.signum(y[i] - cl[i]);
            double nearLow = cl[i] - 2 * (cl[i] - lcl[i]) / 3, nearHigh = cl[i] + 2 * (ucl[i] - cl[i]) / 3;
            close[i] = !outside[i] && (y[i] < nearLow || y[i] > nearHigh);
        }
        boolean[] shift = partOfRun(runEnds(n, i -> i >= RUN - 1 && allSame(side, i - RUN + 1, i) && side[i] != 0));
        int[] trendEnd = new int[n];
        for (int i = RUN - 1; i < n; i++) {
            int up = 0, down = 0;
            for (int k = i - RUN + 2; k <= i; k++) {
                double d = Math.signum(y[k] - y[k - 1]);
                up += d > 0 ? 1 : 0;
                down += d < 0 ? 1 : 0;
            }
            trendEnd[i] = up == RUN - 1 ? 1 : down == RUN - 1 ? -1 : 0;
        }
        boolean[] trend = partOfRun(runEnds(n, i -> trendEnd[i] != 0));
        boolean[] twoOfThree = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean inWindow = false;
            for (int start = i - 2; start <= i && !inWindow; start++) {
                inWindow = twoOfThreeWindow(close, side, start);
            }
            twoOfThree[i] = inWindow && close[i];
        }
        List<Flags> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Rule> rules = new ArrayList<>(4);
            int s = 0;
            if (outside[i]) {
                rules.add(Rule.OUTSIDE_LIMITS);
                s = side[i] == 1 ? 1 : -1;
            }
            if (trend[i]) {
                rules.add(Rule.TREND);
                if (s == 0) {
                    // the side of a trend point: the step to the next point if that is in the trend too, else the step to it
                    double step = i + 1 < n && trend[i + 1] ? y[i + 1] - y[i] : i > 0 ? y[i] - y[i - 1] : 0;
                    s = step > 0 ? 1 : -1;
                }
            }
            if (twoOfThree[i]) {
                rules.add(Rule.TWO_OF_THREE);
                s = s != 0 ? s : side[i] > 0 ? 1 : -1;
            }
            if (shift[i]) {
                rules.add(Rule.SHIFT);
                s = s != 0 ? s : side[i] > 0 ? 1 : -1;
            }
            result.add(new Flags(rules, s));
        }
        return result;
    }

    private static boolean twoOfThreeWindow(boolean[] close, int[] side, int start) {
        int closeCount = 0, sideSum = 0;
        for (int k = start; k < start + 3; k++) {
            if (k >= 0 && k < close.length) {
                closeCount += close[k] ? 1 : 0;
                sideSum += side[k];
            }
        }
        return closeCount >= 2 && Math.abs(sideSum) == 3;
    }

    private static boolean allSame(int[] side, int from, int to) {
        for (int k = from; k < to; k++) {
            if (side[k] != side[to]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] runEnds(int n, java.util.function.IntPredicate end) {
        boolean[] ends = new boolean[n];
        for (int i = 0; i < n; i++) {
            ends[i] = end.test(i);
        }
        return ends;
    }

    /** a point is part of a run of 7 when it, or one of the 6 points after it, ends one */
    private static boolean[] partOfRun(boolean[] ends) {
        boolean[] part = new boolean[ends.length];
        for (int i = 0; i < ends.length; i++) {
            for (int k = i; k < Math.min(ends.length, i + RUN) && !part[i]; k++) {
                part[i] = ends[k];
            }
        }
        return part;
    }
}
