package org.learninghealth.cycle.system;

import org.camunda.bpm.engine.BadUserRequestException;
import org.springframework.http.HttpStatus;

/**
 * A process that cannot be started as asked (a spread, an amendment), with what to do instead. Tasklist shows the
 * message on the start form; the API answers with {@link #toApi()}: 400 for a request to correct, 403 for someone
 * who may not ask, 404 for no such project, 409 for a project that cannot take it now.
 */
public class StartRefusal extends BadUserRequestException {

    private final HttpStatus status;

    public StartRefusal(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public static StartRefusal badRequest(String message) {
        return new StartRefusal(HttpStatus.BAD_REQUEST, message);
    }

    public static StartRefusal forbidden(String message) {
        return new StartRefusal(HttpStatus.FORBIDDEN, message);
    }

    public static StartRefusal notFound(String message) {
        return new StartRefusal(HttpStatus.NOT_FOUND, message);
    }

    public static StartRefusal conflict(String message) {
        return new StartRefusal(HttpStatus.CONFLICT, message);
    }

    /** The same refusal as the app's API answers it. */
    public ApiException toApi() {
        return new ApiException(status, getMessage());
    }
}
