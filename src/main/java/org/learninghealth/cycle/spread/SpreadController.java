package org.learninghealth.cycle.spread;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/cycles/{projectKey}/spread}: spread an adopted change to more units. */
@RestController
@RequestMapping("/api/cycles/{projectKey}/spread")
@Validated
public class SpreadController {

    private final SpreadService spreads;

    public SpreadController(SpreadService spreads) {
        this.spreads = spreads;
    }

    /**
     * @param changeAdapted the change is adapted for the new units ({@code adaptation} says how): oversight reviews it
     *                      even on the QI pathway
     */
    public record Spread(@NotEmpty @Size(max = 50) List<@Size(max = 200) String> units, @Size(max = 2000) String reason, Boolean changeAdapted,
                         @Size(max = 2000) String adaptation) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public SpreadService.Started spread(@PathVariable String projectKey, @RequestBody @Valid Spread body) {
        return spreads.spread(projectKey, body.units(), body.reason(), Boolean.TRUE.equals(body.changeAdapted()), body.adaptation());
    }
}
