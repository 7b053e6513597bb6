package org.learninghealth.cycle.identity.directory;

import org.camunda.bpm.engine.impl.identity.IdentityProviderException;

/** The directory did not answer (down, unreachable, too slow, or it refused the service account). */
public class DirectoryUnavailableException extends IdentityProviderException {

    public DirectoryUnavailableException(String server, Throwable cause) {
        super("The hospital directory (" + server + ") does not answer: " + reason(cause) + ". Nobody can log in with a directory"
                + " account until it is back; please try again in a few minutes or call the IT service desk.", cause);
    }

    private static String reason(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 160 ? message.substring(0, 160) + "…" : message;
    }
}
