package org.learninghealth.cycle.system;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.AuthorizationException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * A person refused by a task listener (separation of duties, a bad CSV line, a plan check) is not an error of the
 * application, but Camunda logs it at ERROR with a stack trace (ENGINE-16004), because the listener's exception
 * arrives wrapped. This filter drops those entries and logs one INFO line instead (logger
 * {@code org.learninghealth.cycle.refusals}), so operators' ERROR alerts stay for real errors. Camunda logs
 * unwrapped refusals at DEBUG already.
 */
@Component
public class RefusalLogFilter extends TurboFilter {

    static final String CAMUNDA_COMMAND_CONTEXT = "org.camunda.bpm.engine.context";
    static final org.slf4j.Logger REFUSALS = LoggerFactory.getLogger("org.learninghealth.cycle.refusals");

    @PostConstruct
    void register() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context && !context.getTurboFilterList().contains(this)) {
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable throwable) {
        if (level != Level.ERROR || logger == null || !CAMUNDA_COMMAND_CONTEXT.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable cause = throwable != null ? throwable : lastThrowable(params);
        Throwable refusal = cause == null ? null : ListenerRefusalMapper.refusal(cause);
        if (refusal == null) {
            return FilterReply.NEUTRAL;
        }
        REFUSALS.info("Refused ({}): {}", refusal instanceof AuthorizationException ? "not allowed" : "bad input", refusal.getMessage());
        return FilterReply.DENY;
    }

    private static Throwable lastThrowable(Object[] params) {
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable t ? t : null;
    }
}
