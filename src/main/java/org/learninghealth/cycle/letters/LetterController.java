package org.learninghealth.cycle.letters;

import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.identity.Roles;
import org.learninghealth.cycle.project.CycleVariables;
import org.learninghealth.cycle.project.LearningCycleProcess;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/cycles/{projectKey}/letters} and {@code .../letters/{id}.pdf}: a project's determination letters,
 * for its lead, IRB reviewers, managers and administrators.
 */
@RestController
@RequestMapping("/api/cycles/{projectKey}/letters")
public class LetterController {

    static final List<String> OFFICE = List.of(Roles.IRB_REVIEWERS, Roles.MANAGERS, Roles.ADMINS);

    private final Letters letters;
    private final HistoryService history;
    private final ApiCaller caller;

    public LetterController(Letters letters, HistoryService history, ApiCaller caller) {
        this.letters = letters;
        this.history = history;
        this.caller = caller;
    }

    @GetMapping
    public List<Letters.Letter> list(@PathVariable String projectKey) {
        allowed(projectKey);
        return letters.of(projectKey);
    }

    @GetMapping(value = "/{id}.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    public ResponseEntity<byte[]> pdf(@PathVariable String projectKey, @PathVariable long id) {
        allowed(projectKey);
        byte[] pdf = letters.pdf(projectKey, id).orElseThrow(() -> ApiException.notFound("No letter " + id + " of " + projectKey + "."));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + projectKey + "-letter-" + id + ".pdf\"")
                .header("Digest", "sha-256=" + java.util.Base64.getEncoder().encodeToString(java.util.HexFormat.of().parseHex(Letters.sha256(pdf))))
                .contentType(MediaType.APPLICATION_PDF).body(pdf);
    }

    /** The project's lead, or a member of the IRB office, managers or administrators; anyone else is told nothing. */
    private void allowed(String projectKey) {
        Authentication user = caller.require();
        if (ApiCaller.inAnyGroup(user, OFFICE)) {
            return;
        }
        String lead = caller.asSystem(() -> {
            HistoricProcessInstance project = history.createHistoricProcessInstanceQuery().processDefinitionKey(LearningCycleProcess.KEY)
                    .processInstanceBusinessKey(projectKey).singleResult();
            if (project == null) {
                return null;
            }
            HistoricVariableInstance v = history.createHistoricVariableInstanceQuery().processInstanceId(project.getId())
                    .variableName(CycleVariables.PROJECT_LEAD).list().stream().filter(x -> project.getId().equals(x.getActivityInstanceId()))
                    .findFirst().orElse(null);
            return v == null ? project.getStartUserId() : (String) v.getValue();
        });
        if (lead == null || !lead.equals(user.getUserId())) {
            throw ApiException.notFound("No letters of " + projectKey + " for you: they are for its lead, IRB reviewers, managers and administrators.");
        }
    }
}
