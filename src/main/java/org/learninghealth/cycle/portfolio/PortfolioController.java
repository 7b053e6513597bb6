package org.learninghealth.cycle.portfolio;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learninghealth.cycle.knowledge.KnowledgeRepository;
import org.learninghealth.cycle.sustain.SustainClock;
import org.learninghealth.cycle.system.ApiException;
import org.learninghealth.cycle.system.JsonOrCsv;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/portfolio} (JSON, or CSV with {@code format=csv}), {@code GET /api/portfolio/lead-times} and
 * {@code GET /api/portfolio/{key}/timeline}.
 */
@RestController
@RequestMapping("/api/portfolio")
public class PortfolioController {

    static final List<String> CSV_COLUMNS = List.of("projectKey", "title", "lead", "units", "status", "stages", "daysInStage", "waitingOn",
            "dueDate", "overdue", "oversightPathway", "cycleNumber", "lastEvaluation", "recommendation", "decision", "started", "ended",
            "monthsSustained", "variationIcon", "assuranceIcon", "sustainOutcome", "unitsLive", "unitsPlanned", "adoptionToLastUnitLiveDays",
            "irbReviewDue", "irbApprovalExpires", "irbApprovalLapsed");

    private final PortfolioService portfolio;
    private final LeadTimeService leadTimes;
    private final TimelineService timelines;

    public PortfolioController(PortfolioService portfolio, LeadTimeService leadTimes, TimelineService timelines) {
        this.portfolio = portfolio;
        this.leadTimes = leadTimes;
        this.timelines = timelines;
    }

    @GetMapping
    public ResponseEntity<?> projects(@RequestParam(required = false) String stage, @RequestParam(required = false) String unit,
                                      @RequestParam(required = false) String pathway, @RequestParam(required = false) Boolean overdue,
                                      @RequestParam(required = false) String status, @RequestParam(required = false) String sort,
                                      @RequestParam(required = false) String order, @RequestParam(defaultValue = "json") String format,
                                      @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "" + PAGE_SIZE) int size) {
        PortfolioFilter filter = PortfolioFilter.of(stage, unit, pathway, overdue, status, sort, order);
        if (page < 1) {
            throw ApiException.badRequest("page counts from 1, was " + page + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE + ", was " + size + ".");
        }
        if ("csv".equalsIgnoreCase(format)) {
            // the export: every matching project
            List<ProjectRow> rows = portfolio.projects(filter);
            return JsonOrCsv.answer(format, rows, "portfolio.csv", () -> csv(rows));
        }
        PortfolioService.Page found = portfolio.projects(filter, (page - 1) * size, size);
        ResponseEntity<?> answer = JsonOrCsv.answer(format, found.rows(), "portfolio.csv", () -> csv(found.rows()));
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders()).header(TOTAL_COUNT, String.valueOf(found.total()))
                .body(answer.getBody());
    }

    /** The JSON answer is a page: {@code page} (from 1) of {@code size} projects; this header tells how many match. */
    static final String TOTAL_COUNT = "X-Total-Count";
    static final int PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 2000;

    static String csv(List<ProjectRow> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (ProjectRow r : rows) {
                printer.printRecord(r.projectKey(), r.title(), r.lead(), r.units(), r.status(), String.join("; ", r.stages()), r.daysInStage(),
                        String.join("; ", r.waitingOn()), r.dueDate(), r.overdue(), r.oversightPathway(), r.cycleNumber(), r.lastEvaluation(),
                        r.recommendation(), r.decision(), r.started(), r.ended(), r.monthsSustained(),
                        r.variationIcon() == null ? null : r.variationIcon().code(), r.assuranceIcon() == null ? null : r.assuranceIcon().code(),
                        r.sustainOutcome(), r.unitsLive(), r.unitsPlanned(), r.adoptionToLastUnitLiveDays(),
                        r.irbApproval() == null ? null : r.irbApproval().reviewDue(), r.irbApproval() == null ? null : r.irbApproval().expires(),
                        r.irbApproval() == null ? null : r.irbApproval().lapsed());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** @param from first day of the window (default: a year before {@code to}); @param to last day (default: today) */
    @GetMapping("/lead-times")
    public LeadTimes leadTimes(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        LocalDate last = to == null ? SustainClock.today() : day("to", to);
        LocalDate first = from == null ? last.minusYears(1).plusDays(1) : day("from", from);
        return leadTimes.leadTimes(first, last);
    }

    /** Adopted changes still sustained 12 months after adoption, as of {@code asOf} (default: today). */
    @GetMapping("/sustained")
    public KnowledgeRepository.SustainShare sustained(@RequestParam(required = false) String asOf) {
        return leadTimes.sustainShare(asOf == null ? SustainClock.today() : day("asOf", asOf));
    }

    @GetMapping("/{projectKey}/timeline")
    public List<TimelineService.Step> timeline(@PathVariable String projectKey) {
        return timelines.timeline(projectKey);
    }

    private static LocalDate day(String name, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be a date like 2026-01-31, was '" + text + "'.");
        }
    }
}
