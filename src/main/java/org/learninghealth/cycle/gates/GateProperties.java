package org.learninghealth.cycle.gates;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code learning-cycle.gates.*}: how long each human step may take.
 *
 * @param due            per gate (triage, lead-task, decision, safety-review, go-live)
 * @param oversight      per oversight pathway (QI, EXEMPT, EXPEDITED, FULL_BOARD)
 * @param reminderBefore how long before the due date the reminder fires
 * @param escalateAfter  how long after the due date the escalation fires
 */
@ConfigurationProperties("learning-cycle.gates")
public record GateProperties(Map<String, Duration> due, Map<String, Duration> oversight, Duration reminderBefore,
                             Duration escalateAfter) {
}
