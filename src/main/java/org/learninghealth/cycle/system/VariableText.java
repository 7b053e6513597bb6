package org.learninghealth.cycle.system;

/** Camunda keeps a string variable in a 4,000-character column; longer texts must be cut before they are stored. */
public final class VariableText {

    public static final int MAX = 4000;

    private VariableText() {
    }

    /**
     * @param where where the whole text can be read, named in the marker that replaces the cut part
     * @return {@code text} itself when it fits, else its beginning and a marker, together at most {@link #MAX} characters
     */
    public static String fit(String text, String where) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        String marker = " [... cut; the whole text is in " + where + "]";
        return text.substring(0, MAX - marker.length()) + marker;
    }

    /** Keeps the end of a growing log (the newest lines) within {@link #MAX} characters. */
    public static String tail(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        String marker = "[earlier lines cut]\n";
        return marker + text.substring(text.length() - (MAX - marker.length()));
    }
}
