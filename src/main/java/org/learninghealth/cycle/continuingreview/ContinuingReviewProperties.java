package org.learninghealth.cycle.continuingreview;

import java.time.Period;
import java.util.Arrays;
import java.util.Map;
import org.learninghealth.cycle.oversight.OversightReviewProcess.Pathway;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.continuing-review.*}: which pathways' approvals expire and which get a check-in, after how
 * long, and when the lead is told.
 *
 * @param expires      pathway to approval period; the approval expires at its end (default {@code FULL_BOARD: P12M})
 * @param checkIn      pathway to check-in interval; nothing expires (default {@code EXPEDITED, EXEMPT: P12M})
 * @param firstNotice  how long before the due date the review opens with the lead's submission (default 60 days)
 * @param secondNotice the second notice (default 30 days)
 * @param lastNotice   the last notice (default 7 days)
 */
@ConfigurationProperties("learning-cycle.continuing-review")
public record ContinuingReviewProperties(Map<String, Period> expires, Map<String, Period> checkIn, Period firstNotice, Period secondNotice,
                                         Period lastNotice) {

    public ContinuingReviewProperties {
        expires = expires == null ? Map.of(Pathway.FULL_BOARD.name(), Period.ofMonths(12)) : Map.copyOf(expires);
        checkIn = checkIn == null ? Map.of(Pathway.EXPEDITED.name(), Period.ofMonths(12), Pathway.EXEMPT.name(), Period.ofMonths(12)) : Map.copyOf(checkIn);
        firstNotice = firstNotice == null ? Period.ofDays(60) : firstNotice;
        secondNotice = secondNotice == null ? Period.ofDays(30) : secondNotice;
        lastNotice = lastNotice == null ? Period.ofDays(7) : lastNotice;
        for (String pathway : concat(expires, checkIn)) {
            if (Arrays.stream(Pathway.values()).noneMatch(p -> p.name().equals(pathway))) {
                throw new IllegalStateException("learning-cycle.continuing-review names the pathway " + pathway + "; the pathways are "
                        + Arrays.toString(Pathway.values()) + ".");
            }
            if (expires.containsKey(pathway) && checkIn.containsKey(pathway)) {
                throw new IllegalStateException("learning-cycle.continuing-review: the " + pathway + " pathway is under both expires and check-in;"
                        + " an approval either expires or gets a check-in.");
            }
        }
    }

    private static java.util.Set<String> concat(Map<String, Period> a, Map<String, Period> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }

    /** The period of an approval on the pathway, or {@code null} when it has no continuing review (QI by default). */
    public Period periodOf(String pathway) {
        return expires.containsKey(pathway) ? expires.get(pathway) : checkIn.get(pathway);
    }

    public boolean expiresOn(String pathway) {
        return expires.containsKey(pathway);
    }
}
