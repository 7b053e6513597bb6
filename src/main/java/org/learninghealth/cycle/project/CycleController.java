package org.learninghealth.cycle.project;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cycles/{projectKey}/...}: withdraw a project, report a safety event. */
@RestController
@RequestMapping("/api/cycles/{projectKey}")
@Validated
public class CycleController {

    private final LearningCycleService cycles;

    public CycleController(LearningCycleService cycles) {
        this.cycles = cycles;
    }

    public record Withdrawal(@NotBlank @Size(max = 2000) String reason) {
    }

    /** @param discovered the day the problem was discovered (ISO date): its report is due business days after it */
    public record SafetyEvent(@NotBlank @Size(max = 3000) String description, @Size(max = 40) String severity, String discovered) {
    }

    @PostMapping("/withdrawal")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> withdraw(@PathVariable String projectKey, @RequestBody @jakarta.validation.Valid Withdrawal body) {
        cycles.withdraw(projectKey, body.reason());
        return Map.of("projectKey", projectKey, "status", "withdrawn");
    }

    @PostMapping("/safety-events")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, String> reportSafetyEvent(@PathVariable String projectKey, @RequestBody @jakarta.validation.Valid SafetyEvent body) {
        LearningCycleService.Report report = cycles.reportSafetyEvent(projectKey, body.description(), body.severity(), body.discovered());
        return Map.of("projectKey", projectKey, "status", "reported for IRB review", "discovered", report.discovered().toString(),
                "reportDue", report.due().toString(), "late", String.valueOf(report.late()));
    }
}
