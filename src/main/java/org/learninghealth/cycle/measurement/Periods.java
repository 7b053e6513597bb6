package org.learninghealth.cycle.measurement;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period as people and systems write it: ISO dates ({@code 2026-03-02}, also with a time as JSON and FHIR send
 * it), months ({@code 2026-03}, read as the first day), slashed dates in the configured day order
 * ({@code 03/02/2026}), dotted dates day first ({@code 02.03.2026}).
 */
public final class Periods {

    private static final Pattern ISO = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ].*)?");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern SLASHED = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");

    private Periods() {
    }

    /** @return the day, or {@code null} when the text is no period in a form this reads */
    public static LocalDate parse(String text, DateOrder order) {
        String t = text.trim();
        try {
            Matcher m;
            if ((m = ISO.matcher(t)).matches()) {
                return LocalDate.of(n(m, 1), n(m, 2), n(m, 3));
            }
            if ((m = MONTH.matcher(t)).matches()) {
                return YearMonth.of(n(m, 1), n(m, 2)).atDay(1);
            }
            if ((m = SLASHED.matcher(t)).matches()) {
                return order == DateOrder.MDY ? LocalDate.of(n(m, 3), n(m, 1), n(m, 2)) : LocalDate.of(n(m, 3), n(m, 2), n(m, 1));
            }
            if ((m = DOTTED.matcher(t)).matches()) {
                return LocalDate.of(n(m, 3), n(m, 2), n(m, 1));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** The forms accepted, for messages. */
    public static String forms(DateOrder order) {
        return "a date like 2026-03-02, a month like 2026-03 or a date like " + (order == DateOrder.MDY ? "03/02/2026 (month first)" : "02/03/2026 (day first)");
    }

    private static int n(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }
}
