package org.learninghealth.cycle.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;

/** A rule that flagged a point; {@link #code()} is the name used in the API. */
public enum Rule {
    /** beyond the lower or upper limit of its phase (both rule sets) */
    OUTSIDE_LIMITS("outside-limits", "beyond a limit"),
    /** Making Data Count: part of 7 or more consecutive points on one side of the mean (a point on the mean breaks it) */
    SHIFT("shift", "7 points on one side of the mean"),
    /** Making Data Count: part of 7 or more points each higher (or each lower) than the one before (an equal value breaks it) */
    TREND("trend", "7 points rising or falling"),
    /** Making Data Count: in the outer third, with another of three consecutive points there, all three on one side */
    TWO_OF_THREE("two-of-three", "two of three points in the outer third"),
    /** Anhøj: part of a run on one side of the median longer than round(log2 n) + 3 */
    LONGEST_RUN("longest-run", "a run longer than chance allows"),
    /** Anhøj: the series crosses its median fewer times than chance allows */
    CROSSINGS("crossings", "too few crossings of the median");

    private final String code;
    private final String label;

    Rule(String code, String label) {
        this.code = code;
        this.label = label;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public String label() {
        return label;
    }
}
