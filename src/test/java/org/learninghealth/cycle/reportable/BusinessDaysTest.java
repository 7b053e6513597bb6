package org.learninghealth.cycle.reportable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** "Within 5 business days of discovery": weekends and the institution's holidays do not count, the day of discovery neither. */
class BusinessDaysTest {

    static final Set<LocalDate> US_2026 = Set.of(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 12, 25),
            LocalDate.of(2027, 1, 1));

    @Test
    void aWeekendAndAHolidayPushTheDeadline() {
        // Thursday before Memorial Day: Fri 22 (1), Mon 25 holiday, Tue 26 (2) ... Fri 29 (5)
        assertThat(BusinessDays.plus(LocalDate.of(2026, 5, 21), 5, US_2026)).isEqualTo(LocalDate.of(2026, 5, 29));
        // the day before Thanksgiving: Thu 26 holiday, Fri 27 (1), weekend, Mon 30 (2) ... Thu 3 December (5)
        assertThat(BusinessDays.plus(LocalDate.of(2026, 11, 25), 5, US_2026)).isEqualTo(LocalDate.of(2026, 12, 3));
        // Christmas Eve: Christmas and New Year's Day are holidays, two weekends between
        assertThat(BusinessDays.plus(LocalDate.of(2026, 12, 24), 5, US_2026)).isEqualTo(LocalDate.of(2027, 1, 4));
        // discovered on a Saturday: Monday is the first business day
        assertThat(BusinessDays.plus(LocalDate.of(2026, 6, 6), 1, Set.of())).isEqualTo(LocalDate.of(2026, 6, 8));
        assertThat(BusinessDays.isBusinessDay(LocalDate.of(2026, 11, 26), US_2026)).isFalse();
    }

    @Test
    void theSettingCountsTheConfiguredHolidaysAndRefusesNonsense() {
        ReportableProperties properties = new ReportableProperties(5, List.of(LocalDate.of(2026, 5, 25)));
        assertThat(properties.reportDue(LocalDate.of(2026, 5, 21))).isEqualTo(LocalDate.of(2026, 5, 29));
        assertThat(new ReportableProperties(null, null).reportDue(LocalDate.of(2026, 5, 21))).isEqualTo(LocalDate.of(2026, 5, 28));
        assertThatThrownBy(() -> new ReportableProperties(0, null)).hasMessageContaining("report-within-business-days must be 1 or more");
    }
}
