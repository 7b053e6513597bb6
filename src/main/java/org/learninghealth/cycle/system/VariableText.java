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

    /** The first line of a text (a summary's headline), or {@code null} for none. */
    public static String firstLine(Object text) {
        if (text == null) {
            return null;
        }
        String s = text.toString();
        int end = s.indexOf('\n');
        return end < 0 ? s : s.substring(0, end);
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
