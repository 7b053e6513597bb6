package org.learninghealth.cycle.rollout;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Refuses a go-live confirmation without a valid date that has already come. */
@Component("goLiveValidation")
public class GoLiveValidationListener implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        parse(task.getVariable(UnitRolloutProcess.GO_LIVE_DATE));
    }

    /** @return the go-live date of the form value (ISO date, possibly with a time part) */
    public static LocalDate parse(Object value) {
        if (value == null || value.toString().isBlank()) {
            throw new BadUserRequestException("Enter the date the change went live on the unit.");
        }
        String text = value.toString().trim();
        LocalDate date;
        try {
            date = LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new BadUserRequestException("The go-live date '" + text + "' is not a date like 2026-03-02.");
        }
        LocalDate today = ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
        if (date.isAfter(today)) {
            throw new BadUserRequestException("The go-live date " + date + " is in the future: confirm go-live once the change is live on the unit.");
        }
        return date;
    }
}
