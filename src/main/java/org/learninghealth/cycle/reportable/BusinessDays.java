package org.learninghealth.cycle.reportable;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/** Business days: Monday to Friday, less the institution's holidays. */
public final class BusinessDays {

    private BusinessDays() {
    }

    /** The day {@code days} business days after {@code from} (which itself does not count, as in "within 5 business days"). */
    public static LocalDate plus(LocalDate from, int days, Set<LocalDate> holidays) {
        LocalDate day = from;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isBusinessDay(day, holidays)) {
                counted++;
            }
        }
        return day;
    }

    public static boolean isBusinessDay(LocalDate day, Set<LocalDate> holidays) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY && !holidays.contains(day);
    }
}
