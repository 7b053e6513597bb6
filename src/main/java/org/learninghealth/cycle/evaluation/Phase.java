package org.learninghealth.cycle.evaluation;

/**
 * A stretch of a series with its own centre line and limits (qicharts2's {@code part}, NHSRplotthedots' {@code rebase}).
 *
 * @param start  0-based index of the phase's first point
 * @param freeze compute centre line and limits from the phase's first this many points only and hold them for the
 *               rest of the phase (qicharts2's {@code freeze}, NHSRplotthedots' {@code fix_after_n_points});
 *               {@code null}: from all its points
 */
public record Phase(int start, Integer freeze) {

    public static Phase from(int start) {
        return new Phase(start, null);
    }
}
