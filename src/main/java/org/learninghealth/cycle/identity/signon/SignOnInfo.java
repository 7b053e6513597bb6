package org.learninghealth.cycle.identity.signon;

import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /sign-on}: whether the server signs people on through the hospital's provider, for the webapps' script
 * that then makes "Log out" end the provider's session too (open to everyone: it says nothing about anyone).
 */
@RestController
public class SignOnInfo {

    private final boolean enabled;

    public SignOnInfo(Environment environment) {
        this.enabled = environment.matchesProfiles("sso");
    }

    @GetMapping("/sign-on")
    public Map<String, Object> signOn() {
        return enabled ? Map.of("enabled", true, "logout", "/logout") : Map.of("enabled", false);
    }
}
