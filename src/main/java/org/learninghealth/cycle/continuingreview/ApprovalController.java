package org.learninghealth.cycle.continuingreview;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.sustain.SustainClock;
import org.learninghealth.cycle.system.ApiException;
import org.learninghealth.cycle.system.JsonOrCsv;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/oversight/approvals?within=90}: the IRB office's expiring approvals, lapsed ones first then by due
 * date, as JSON or CSV, a page at a time; for IRB reviewers, managers and administrators.
 */
@RestController
public class ApprovalController {

    /** One approval as the office reads it. @param daysLeft negative when the due date has passed */
    public record Approval(String projectKey, String title, String lead, String pathway, LocalDate approvedOn, LocalDate reviewDue, boolean expires,
                           boolean lapsed, long daysLeft, int renewals, LocalDate renewedOn) {
    }

    static final List<String> CSV_COLUMNS = List.of("projectKey", "title", "lead", "pathway", "approvedOn", "reviewDue", "expires", "lapsed",
            "daysLeft", "renewals", "renewedOn");
    static final int MAX_PAGE = 500;

    private final ApprovalPeriods periods;
    private final ApiCaller caller;

    public ApprovalController(ApprovalPeriods periods, ApiCaller caller) {
        this.periods = periods;
        this.caller = caller;
    }

    @GetMapping("/api/oversight/approvals")
    public ResponseEntity<?> approvals(@RequestParam(defaultValue = "90") int within, @RequestParam(defaultValue = "0") int firstResult,
                                       @RequestParam(defaultValue = "100") int maxResults, @RequestParam(defaultValue = "json") String format) {
        caller.requireAnyGroup(List.of(Roles.IRB_REVIEWERS, Roles.MANAGERS, Roles.ADMINS), "Expiring approvals are for IRB reviewers, managers and administrators.");
        if (within < 0 || firstResult < 0 || maxResults < 1 || maxResults > MAX_PAGE) {
            throw ApiException.badRequest("within and firstResult must be 0 or more and maxResults 1 to " + MAX_PAGE + ".");
        }
        LocalDate today = SustainClock.today();
        List<Approval> approvals = periods.dueBy(today.plusDays(within), firstResult, maxResults).stream()
                .map(p -> new Approval(p.projectKey(), p.title(), p.lead(), p.pathway(), p.approvedOn(), p.reviewDue(), p.expires(), p.lapsed(today),
                        ChronoUnit.DAYS.between(today, p.reviewDue()), p.renewals(), p.renewedOn()))
                .toList();
        return JsonOrCsv.answer(format, approvals, "expiring-approvals.csv", () -> csv(approvals));
    }

    private static String csv(List<Approval> approvals) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (Approval a : approvals) {
                printer.printRecord(a.projectKey(), a.title(), a.lead(), a.pathway(), a.approvedOn(), a.reviewDue(), a.expires(), a.lapsed(),
                        a.daysLeft(), a.renewals(), a.renewedOn());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
