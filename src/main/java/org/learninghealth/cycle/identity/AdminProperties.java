package org.learninghealth.cycle.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.admin.*} ({@code LC_ADMIN_USER}, {@code LC_ADMIN_PASSWORD}): the first administrator, created
 * at a start that finds none. Without one the application does not start, so Camunda's first-run admin setup page can
 * never be used by whoever reaches the server first.
 */
@ConfigurationProperties("learning-cycle.admin")
public record AdminProperties(String user, String password) {

    boolean configured() {
        return user != null && !user.isBlank() && password != null && !password.isBlank();
    }
}
