package org.learninghealth.cycle.evidence;

/** An evidence source that could not answer (down, slow, rate-limited, or answering something unreadable). */
public class EvidenceSourceUnavailable extends RuntimeException {

    public EvidenceSourceUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
