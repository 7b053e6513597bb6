package org.learninghealth.cycle.sustain;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.sustain.*}.
 *
 * @param reviewEvery  how often an adopted change's new periods are judged: an ISO-8601 duration as a BPMN timer
 *                     takes it ({@code P1M}, {@code P7D}, {@code PT5S})
 * @param stableMonths this many months without a slip and monitoring ends with the change sustained
 */
@ConfigurationProperties("learning-cycle.sustain")
public record SustainProperties(String reviewEvery, int stableMonths) {

    public SustainProperties {
        reviewEvery = reviewEvery == null || reviewEvery.isBlank() ? "P1M" : reviewEvery.trim();
        if (!isDuration(reviewEvery)) {
            throw new IllegalArgumentException("learning-cycle.sustain.review-every (LC_SUSTAIN_REVIEW_EVERY) is '" + reviewEvery
                    + "'; it must be an ISO-8601 duration such as P1M (a month), P7D (a week) or PT5S (5 seconds).");
        }
        if (stableMonths < 1) {
            throw new IllegalArgumentException("learning-cycle.sustain.stable-months (LC_SUSTAIN_STABLE_MONTHS) is " + stableMonths
                    + "; it must be at least 1.");
        }
    }

    private static boolean isDuration(String text) {
        try {
            int t = text.indexOf('T');
            Period days = t == 1 ? Period.ZERO : Period.parse(t < 0 ? text : text.substring(0, t));
            Duration time = t < 0 ? Duration.ZERO : Duration.parse("P" + text.substring(t));
            // positive: a zero interval would review without pause
            return !days.isNegative() && !time.isNegative() && !(days.isZero() && time.isZero());
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
