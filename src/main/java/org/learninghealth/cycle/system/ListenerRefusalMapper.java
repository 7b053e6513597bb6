package org.learninghealth.cycle.system;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import jakarta.ws.rs.core.Response;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.glassfish.jersey.spi.ExtendedExceptionMapper;

/**
 * The engine wraps an exception thrown by a task listener (ENGINE-03051), and {@code submit-form} wraps that again,
 * so a refusal such as separation of duties or a bad CSV line would reach REST clients as a 500. These mappers
 * answer with the refusal itself: 403 for an authorization refusal, 400 for bad input, with its message, in
 * Camunda's own error format. Every other exception keeps Camunda's mapping.
 * <p>
 * Registered in every Jersey application of the JVM by {@link Registration} (a Jersey auto-discoverable listed in
 * {@code META-INF/services}): {@code /engine-rest} and the webapps' own engine API, through which Tasklist submits
 * forms, are separate Jersey applications and only this way both get the mappers.
 */
public final class ListenerRefusalMapper {

    private ListenerRefusalMapper() {
    }

    /** @return the refusal inside {@code exception}, or {@code null} when there is none */
    static Throwable refusal(Throwable exception) {
        for (Throwable cause = exception.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof AuthorizationException || cause instanceof BadUserRequestException) {
                return cause;
            }
        }
        return null;
    }

    /** For engine calls that REST passes through unchanged (e.g. complete). */
    @Priority(1)
    public static class Engine implements ExtendedExceptionMapper<ProcessEngineException> {
        @Override
        public boolean isMappable(ProcessEngineException exception) {
            return refusal(exception) != null;
        }

        @Override
        public Response toResponse(ProcessEngineException exception) {
            return ExceptionHandlerHelper.getInstance().getResponse(refusal(exception));
        }
    }

    /** For engine calls that REST wraps in a RestException (e.g. submit-form). */
    @Priority(1)
    public static class Rest implements ExtendedExceptionMapper<RestException> {
        @Override
        public boolean isMappable(RestException exception) {
            return refusal(exception) != null;
        }

        @Override
        public Response toResponse(RestException exception) {
            return ExceptionHandlerHelper.getInstance().getResponse(refusal(exception));
        }
    }

    /** Adds both mappers, ahead of Camunda's own, to every Jersey application. */
    public static class Registration implements ForcedAutoDiscoverable {
        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(Engine.class)) {
                context.register(Engine.class, 1);
                context.register(Rest.class, 1);
            }
        }
    }
}
