package dev.chorus.command;

/** What a user typed, quoted back short: a pasted page must not come back as three messages. */
final class Quote {
    static final int MAX = 32;

    private Quote() {
    }

    /** {@code text} stripped and cut to {@value #MAX} characters (never inside an emoji), with an ellipsis when cut. */
    static String of(String text) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (s.codePointCount(0, s.length()) <= MAX) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, MAX)) + "…";
    }
}
