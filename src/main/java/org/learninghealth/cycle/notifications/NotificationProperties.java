package org.learninghealth.cycle.notifications;

import java.time.Duration;
import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.notifications.*}: e-mail for the work that waits. Off unless enabled and Spring Boot's
 * {@code spring.mail.*} names an SMTP server.
 *
 * @param enabled     {@code LC_NOTIFICATIONS}
 * @param publicUrl   the address people open the app at ({@code LC_PUBLIC_URL}), for the links in the mails
 * @param from        the sender ({@code LC_MAIL_FROM})
 * @param sendEvery   how often waiting mails are sent
 * @param digestAt    when the daily digests go out (the server's time zone is UTC-based clock of the engine)
 * @param maxAttempts tries before a mail is given up (logged)
 * @param retryAfter  the first wait after a failed try, doubled each time
 */
@ConfigurationProperties("learning-cycle.notifications")
public record NotificationProperties(boolean enabled, String publicUrl, String from, Duration sendEvery, LocalTime digestAt, Integer maxAttempts,
                                     Duration retryAfter) {

    public NotificationProperties {
        publicUrl = publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.replaceAll("/+$", "");
        from = from == null || from.isBlank() ? "learning-cycle@localhost" : from.trim();
        sendEvery = sendEvery == null ? Duration.ofSeconds(30) : sendEvery;
        digestAt = digestAt == null ? LocalTime.of(7, 0) : digestAt;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        retryAfter = retryAfter == null ? Duration.ofMinutes(1) : retryAfter;
    }
}
