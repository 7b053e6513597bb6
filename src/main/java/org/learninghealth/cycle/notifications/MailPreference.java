package org.learninghealth.cycle.notifications;

/** How a person wants mail about their work (Camunda user info {@link #KEY}): each one, a daily digest, or none. */
public enum MailPreference {
    EACH, DAILY, NONE;

    /** The user info key that keeps it. */
    public static final String KEY = "learning-cycle.mail";

    /** The stored value, or {@link #EACH} for none or an unknown one. */
    public static MailPreference of(String stored) {
        if (stored != null) {
            for (MailPreference p : values()) {
                if (p.name().equalsIgnoreCase(stored.trim())) {
                    return p;
                }
            }
        }
        return EACH;
    }
}
