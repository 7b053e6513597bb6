package org.learninghealth.cycle.notifications;

import java.util.Arrays;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.learninghealth.cycle.identity.ApiCaller;
import org.learninghealth.cycle.system.ApiException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET / PUT /api/me/notifications}: how the person logged in gets mail about their work: {@code each}, {@code daily} or {@code none}. */
@RestController
@RequestMapping("/api/me/notifications")
public class NotificationController {

    /** @param mail each, daily or none */
    public record Setting(String mail) {
    }

    private final IdentityService identity;
    private final ApiCaller caller;

    public NotificationController(IdentityService identity, ApiCaller caller) {
        this.identity = identity;
        this.caller = caller;
    }

    @GetMapping
    public Setting get() {
        Authentication user = caller.require();
        return new Setting(MailPreference.of(caller.asSystem(() -> identity.getUserInfo(user.getUserId(), MailPreference.KEY))).name().toLowerCase());
    }

    @PutMapping
    public Setting put(@RequestBody Setting setting) {
        Authentication user = caller.require();
        String value = setting == null || setting.mail() == null ? "" : setting.mail().trim();
        if (Arrays.stream(MailPreference.values()).noneMatch(p -> p.name().equalsIgnoreCase(value))) {
            throw ApiException.badRequest("mail is each, daily or none, was '" + value + "'.");
        }
        caller.asSystem(() -> {
            identity.setUserInfo(user.getUserId(), MailPreference.KEY, value.toUpperCase());
            return null;
        });
        return new Setting(value.toLowerCase());
    }
}
