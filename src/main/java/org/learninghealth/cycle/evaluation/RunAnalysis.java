package org.learninghealth.cycle.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Anhøj's run-chart rules against the baseline median: a run (consecutive points on one side, points on the median
 * ignored) longer than round(log2 n) + 3, or fewer crossings of the median than the 5th percentile of
 * Binomial(n − 1, 0.5), is a non-random signal; n counts the points not on the median.
 *
 * @param improvement a signalling run on the better side that reaches the intervention period, or too few crossings
 *                    with most intervention points on the better side
 */
public record RunAnalysis(double median, int usefulPoints, int longestRun, int longestRunLimit, int crossings,
                          int crossingsLimit, boolean signal, boolean improvement, String explanation) {

    /** @param firstIntervention index of the first intervention point ({@code values.length} when there is none) */
    public static RunAnalysis of(double[] values, double median, int firstIntervention, Direction direction) {
        List<Integer> sides = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != median) {
                sides.add(values[i] > median ? 1 : -1);
                indexes.add(i);
            }
        }
        int n = sides.size();
        int better = direction == Direction.INCREASE ? 1 : -1;
        int longest = 0, crossings = 0, runStart = 0;
        boolean betterLongRun = false;
        int runLimit = longestRunLimit(n);
        for (int k = 0; k < n; k++) {
            if (k > 0 && !sides.get(k).equals(sides.get(k - 1))) {
                crossings++;
                runStart = k;
            }
            int length = k - runStart + 1;
            longest = Math.max(longest, length);
            if (length > runLimit && sides.get(k) == better && indexes.get(k) >= firstIntervention) {
                betterLongRun = true;
            }
        }
        int crossingsLimit = crossingsLimit(n);
        boolean runSignal = n > 0 && longest > runLimit;
        boolean crossingSignal = n > 1 && crossings < crossingsLimit;
        long betterAfter = 0, worseAfter = 0;
        for (int k = 0; k < n; k++) {
            if (indexes.get(k) >= firstIntervention) {
                if (sides.get(k) == better) {
                    betterAfter++;
                } else {
                    worseAfter++;
                }
            }
        }
        boolean improvement = betterLongRun || (crossingSignal && betterAfter > worseAfter);
        return new RunAnalysis(median, n, longest, runLimit, crossings, crossingsLimit, runSignal || crossingSignal,
                improvement, explain(n, longest, runLimit, crossings, crossingsLimit, runSignal, crossingSignal, improvement));
    }

    /**
     * Per point: +1 or −1 when it is part of a run on that side of the median longer than {@code limit}, else 0 (points
     * on the median neither break nor join a run).
     */
    static int[] longRunSides(double[] values, double median, int limit) {
        int[] result = new int[values.length];
        int side = 0;
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i <= values.length; i++) {
            int s = i < values.length ? (values[i] > median ? 1 : values[i] < median ? -1 : 0) : 2;
            if (s == 0) {
                continue;
            }
            if (s != side) {
                if (side != 0 && members.size() > limit) {
                    for (int m : members) {
                        result[m] = side;
                    }
                }
                members.clear();
                side = s;
            }
            if (i < values.length) {
                members.add(i);
            }
        }
        return result;
    }

    /** round(log2 n) + 3: the longest run expected by chance in n useful points. */
    static int longestRunLimit(int n) {
        return n == 0 ? 0 : (int) Math.round(Math.log(n) / Math.log(2)) + 3;
    }

    /** The 5th percentile of Binomial(n − 1, 0.5): fewer crossings than this is unlikely by chance. */
    static int crossingsLimit(int n) {
        return n < 2 ? 0 : new BinomialDistribution(null, n - 1, 0.5).inverseCumulativeProbability(0.05);
    }

    private static String explain(int n, int longest, int runLimit, int crossings, int crossingsLimit, boolean runSignal,
                                  boolean crossingSignal, boolean improvement) {
        String facts = String.format(Locale.ROOT, "longest run %d (more than %d is a signal), %d crossings (fewer than %d is a signal) in %d points off the median",
                longest, runLimit, crossings, crossingsLimit, n);
        if (!runSignal && !crossingSignal) {
            return "Runs: no non-random pattern; " + facts + ".";
        }
        return "Runs: " + (runSignal && crossingSignal ? "a shift and too few crossings" : runSignal ? "a shift" : "too few crossings")
                + (improvement ? " in the better direction" : ", not an improvement") + "; " + facts + ".";
    }
}
