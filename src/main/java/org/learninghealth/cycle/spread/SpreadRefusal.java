package org.learninghealth.cycle.spread;

import org.camunda.bpm.engine.BadUserRequestException;

/**
 * A spread that cannot be asked for, with what to do instead. Tasklist shows the message on the start form; the API
 * answers with {@link #status}: 400 for a request to correct, 404 for no such project, 409 for a project that
 * cannot be spread now.
 */
public class SpreadRefusal extends BadUserRequestException {

    private final int status;

    SpreadRefusal(int status, String message) {
        super(message);
        this.status = status;
    }

    static SpreadRefusal badRequest(String message) {
        return new SpreadRefusal(400, message);
    }

    static SpreadRefusal notFound(String message) {
        return new SpreadRefusal(404, message);
    }

    static SpreadRefusal conflict(String message) {
        return new SpreadRefusal(409, message);
    }

    public int status() {
        return status;
    }
}
