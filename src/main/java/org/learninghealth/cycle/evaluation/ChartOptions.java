package org.learninghealth.cycle.evaluation;

import java.util.List;

/**
 * How a series is charted: which rules find special causes, where phases start (and whether their limits freeze), and
 * the target for the assurance icon.
 *
 * @param phases the first starts at 0; each has its own centre line and limits from its own points
 * @param target the aim, for the assurance icon; {@code null}: none
 */
public record ChartOptions(RuleSet rules, List<Phase> phases, Double target) {

    public ChartOptions {
        phases = List.copyOf(phases);
    }

    /** One phase whose limits come from the first {@code baselineCount} points and hold for all (qicharts2's freeze). */
    public static ChartOptions frozenBaseline(int baselineCount) {
        return new ChartOptions(RuleSet.ANHOEJ, List.of(new Phase(0, baselineCount)), null);
    }

    /** Baseline | intervention, each with its own limits; one phase when there is no intervention yet. */
    public static ChartOptions baselineAndIntervention(RuleSet rules, int baselineCount, int size, Double target) {
        return new ChartOptions(rules, baselineCount < size ? List.of(Phase.from(0), Phase.from(baselineCount)) : List.of(Phase.from(0)), target);
    }

    /** Baseline | adopted phase, the adopted phase's limits from its first {@code adoptedCount} points (those the adopting evaluation judged). */
    public static ChartOptions adopted(RuleSet rules, int baselineCount, int adoptedCount, Double target) {
        return new ChartOptions(rules, List.of(Phase.from(0), new Phase(baselineCount, adoptedCount)), target);
    }

    /**
     * The points that set the baseline: the first phase when there are several, else its frozen points, else all.
     */
    int baselineCount(int size) {
        if (phases.size() > 1) {
            return phases.get(1).start();
        }
        Integer freeze = phases.get(0).freeze();
        return freeze == null ? size : Math.min(freeze, size);
    }

    /** @throws IllegalArgumentException naming what is wrong with the phases */
    void check(int size) {
        if (phases.isEmpty() || phases.get(0).start() != 0) {
            throw new IllegalArgumentException("the first phase must start at point 0");
        }
        for (int k = 0; k < phases.size(); k++) {
            Phase phase = phases.get(k);
            int end = k + 1 < phases.size() ? phases.get(k + 1).start() : size;
            if (phase.start() >= size) {
                throw new IllegalArgumentException("phase " + (k + 1) + " starts at point " + phase.start() + " but the series has " + size + " points (0-based)");
            }
            if (end <= phase.start()) {
                throw new IllegalArgumentException("phase starts must increase; phase " + (k + 2) + " starts at " + end + ", not after " + phase.start());
            }
            if (phase.freeze() != null && phase.freeze() < 1) {
                throw new IllegalArgumentException("phase " + (k + 1) + " freezes after " + phase.freeze() + " points; at least 1 is needed");
            }
        }
    }
}
