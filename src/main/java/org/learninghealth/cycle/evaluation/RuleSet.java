package org.learninghealth.cycle.evaluation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/**
 * How special causes are found on a chart.
 * <ul>
 *   <li>{@link #ANHOEJ}: 3-sigma limits of the chart the measure type calls for (p, u, c, I, g, t, Laney p′/u′), and
 *       Anhøj's run-chart rules (longest run, crossings) against the baseline median.</li>
 *   <li>{@link #NHS_MDC}: NHS England's Making Data Count, as NHSRplotthedots 0.2.x implements it: an XmR chart of the
 *       plotted values, limits mean ± 2.66 · MR̄ after screening moving ranges of 3.267 · MR̄ or more; a point beyond a
 *       limit, 7 points on one side of the mean, 7 points rising or falling, two of three points in the outer third.</li>
 * </ul>
 */
public enum RuleSet {
    ANHOEJ("anhoej", "Anhøj run-chart rules with 3-sigma limits"),
    NHS_MDC("nhs-mdc", "Making Data Count (NHS England) XmR rules");

    private final String code;
    private final String label;

    RuleSet(String code, String label) {
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

    /** @param value a code ({@code anhoej}, {@code nhs-mdc}); blank gives {@code fallback} */
    public static RuleSet of(String value, RuleSet fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.code.equals(v) || r.name().equalsIgnoreCase(v)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown rule set '" + value + "'; expected one of "
                        + Arrays.stream(values()).map(RuleSet::code).toList() + "."));
    }
}
