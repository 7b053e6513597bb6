package org.learninghealth.cycle.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learninghealth.cycle.system.JsonOrCsv;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cycles/{key}/audit} as JSON, or CSV with {@code format=csv}. */
@RestController
public class AuditController {

    private final AuditService audit;

    public AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/api/cycles/{projectKey}/audit")
    public ResponseEntity<?> audit(@PathVariable String projectKey, @RequestParam(defaultValue = "json") String format) {
        List<AuditService.Entry> trail = audit.trail(projectKey);
        return JsonOrCsv.answer(format, trail, projectKey + "-audit.csv", () -> csv(trail));
    }

    static String csv(List<AuditService.Entry> trail) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("at", "step", "by", "recorded").get())) {
            for (AuditService.Entry e : trail) {
                printer.printRecord(e.at(), e.step(), e.by(), e.recorded().entrySet().stream()
                        .map(v -> v.getKey() + "=" + v.getValue()).collect(Collectors.joining("; ")));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }
}
