package org.learninghealth.cycle.reportable;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.reportable.*}: how soon new information must reach the IRB after it was discovered.
 *
 * @param reportWithinBusinessDays business days after discovery by which a report is due (default 5)
 * @param holidays                 the institution's holidays, which do not count as business days
 */
@ConfigurationProperties("learning-cycle.reportable")
public record ReportableProperties(Integer reportWithinBusinessDays, List<LocalDate> holidays) {

    public ReportableProperties {
        reportWithinBusinessDays = reportWithinBusinessDays == null ? 5 : reportWithinBusinessDays;
        if (reportWithinBusinessDays < 1) {
            throw new IllegalStateException("learning-cycle.reportable.report-within-business-days must be 1 or more, was " + reportWithinBusinessDays + ".");
        }
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
    }

    /** The day a report of new information discovered on {@code discovered} is due. */
    public LocalDate reportDue(LocalDate discovered) {
        return BusinessDays.plus(discovered, reportWithinBusinessDays, Set.copyOf(holidays));
    }
}
