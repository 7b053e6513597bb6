package org.learninghealth.cycle.knowledge;

import java.util.List;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/knowledge?q=...}: what the organisation already learned, ranked. */
@RestController
@RequestMapping("/api/knowledge")
public class KnowledgeController {

    private final KnowledgeSearch search;
    private final ApiCaller caller;

    public KnowledgeController(KnowledgeSearch search, ApiCaller caller) {
        this.search = search;
        this.caller = caller;
    }

    @GetMapping
    public List<KnowledgeHit> search(@RequestParam(name = "q", required = false) String q,
                                     @RequestParam(name = "limit", defaultValue = "20") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit must be between 1 and 100, was " + limit);
        }
        caller.requireAnyGroup(Roles.ALL, "The hospital's knowledge records are for members of " + Roles.ALL + ".");
        return search.search(q, limit);
    }
}
