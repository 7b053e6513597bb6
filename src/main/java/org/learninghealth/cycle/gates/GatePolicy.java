package org.learninghealth.cycle.gates;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * Due dates, reminders and escalations of the human steps, used from the models as {@code ${gatePolicy...}}.
 * The reminder comes {@code reminder-before} ahead of the due date (at the half-way point for short gates);
 * the escalation comes {@code escalate-after} past it.
 */
@Component("gatePolicy")
public class GatePolicy {

    private final GateProperties properties;

    public GatePolicy(GateProperties properties) {
        this.properties = properties;
    }

    public Date dueDate(String gate) {
        return at(durationOf(properties.due(), gate, "learning-cycle.gates.due"));
    }

    public Date reminderAt(String gate) {
        return reminder(durationOf(properties.due(), gate, "learning-cycle.gates.due"));
    }

    public Date escalateAt(String gate) {
        return at(durationOf(properties.due(), gate, "learning-cycle.gates.due").plus(properties.escalateAfter()));
    }

    public Date oversightDue(String pathway) {
        return at(durationOf(properties.oversight(), pathway, "learning-cycle.gates.oversight"));
    }

    public Date oversightReminderAt(String pathway) {
        return reminder(durationOf(properties.oversight(), pathway, "learning-cycle.gates.oversight"));
    }

    public Date oversightEscalateAt(String pathway) {
        return at(durationOf(properties.oversight(), pathway, "learning-cycle.gates.oversight").plus(properties.escalateAfter()));
    }

    private Date reminder(Duration due) {
        Duration before = properties.reminderBefore();
        Duration lead = due.compareTo(before.multipliedBy(2)) > 0 ? due.minus(before) : due.dividedBy(2);
        return at(lead);
    }

    private static Date at(Duration fromNow) {
        return Date.from(ClockUtil.getCurrentTime().toInstant().plus(fromNow));
    }

    private static Duration durationOf(Map<String, Duration> durations, String gate, String property) {
        Duration duration = durations.get(gate);
        if (duration == null) {
            throw new IllegalArgumentException("No duration configured for gate '" + gate + "': set " + property + "." + gate
                    + " (configured: " + durations.keySet() + ")");
        }
        return duration;
    }
}
