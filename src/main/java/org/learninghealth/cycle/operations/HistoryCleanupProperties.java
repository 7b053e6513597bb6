package org.learninghealth.cycle.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code learning-cycle.history-cleanup.*}: when Camunda's history cleanup job removes the history of projects whose
 * time to live has passed (ten years after the project ended, the {@code historyTimeToLive} of every model).
 *
 * @param window    the nightly window, {@code HH:mm-HH:mm} in the server's time zone ({@code LC_HISTORY_CLEANUP_WINDOW});
 *                  empty: the job never runs by itself (an operator may start it in Cockpit or over REST)
 * @param batchSize process instances removed per run of the job (Camunda's maximum is 500)
 */
@ConfigurationProperties("learning-cycle.history-cleanup")
public record HistoryCleanupProperties(@DefaultValue("22:00-05:00") String window, @DefaultValue("500") int batchSize) {

    public HistoryCleanupProperties {
        if (window != null && !window.isBlank() && !window.trim().matches("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new IllegalStateException("learning-cycle.history-cleanup.window (LC_HISTORY_CLEANUP_WINDOW) is '" + window
                    + "'; write it as HH:mm-HH:mm, e.g. 22:00-05:00, or leave it empty to never run the cleanup by itself");
        }
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalStateException("learning-cycle.history-cleanup.batch-size is " + batchSize + "; it must be 1 to 500");
        }
    }

    boolean scheduled() {
        return window != null && !window.isBlank();
    }

    String from() {
        return window.trim().substring(0, 5);
    }

    String to() {
        return window.trim().substring(6);
    }
}
