package org.learninghealth.cycle.amendment;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.learninghealth.cycle.identity.ProjectAccess;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cycles/{projectKey}/amendments}: the lead asks for an amendment of an approved plan;
 * {@code GET} lists the plan versions approved amendments made (the lead, IRB reviewers, managers, administrators).
 */
@RestController
@RequestMapping("/api/cycles/{projectKey}/amendments")
@Validated
public class AmendmentController {

    private final AmendmentService amendments;
    private final ProjectAccess access;

    public AmendmentController(AmendmentService amendments, ProjectAccess access) {
        this.amendments = amendments;
        this.access = access;
    }

    /** @param changes field: new value, for the fields an amendment may change ({@link AmendmentProcess#CHANGEABLE}) */
    public record Amendment(@Size(max = 2000) String summary, @Size(max = 50) List<@Size(max = 200) String> addUnits,
                            @Size(max = 50) List<@Size(max = 200) String> removeUnits, @Size(max = 20) Map<String, Object> changes) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public AmendmentService.Requested request(@PathVariable String projectKey, @RequestBody @Valid Amendment body) {
        return amendments.request(projectKey, body.summary(), body.addUnits(), body.removeUnits(), body.changes());
    }

    @GetMapping
    public List<PlanVersions.PlanVersion> versions(@PathVariable String projectKey) {
        access.requireLeadOrOffice(projectKey, "plan versions");
        return amendments.versions(projectKey);
    }
}
