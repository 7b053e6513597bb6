package org.learninghealth.cycle.letters;

import java.util.List;
import org.learninghealth.cycle.identity.ProjectAccess;
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

    private final Letters letters;
    private final ProjectAccess access;

    public LetterController(Letters letters, ProjectAccess access) {
        this.letters = letters;
        this.access = access;
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

    private void allowed(String projectKey) {
        access.requireLeadOrOffice(projectKey, "letters");
    }
}
