package dev.chorus.command;

import java.util.regex.Pattern;

/** Telling a real question from one that only looks like text. */
final class QuestionText {
    // Format characters (zero-width spaces and joiners, bidi marks, tag characters, the BOM), controls,
    // and the few letters and symbols that render as blank (Hangul fillers, the braille blank).
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}\\p{Z}\\s\\u115F\\u1160\\u3164\\uFFA0\\u2800]+");

    private QuestionText() {
    }

    /** Whether nothing would be left of {@code text} that a person could see. */
    static boolean isBlank(String text) {
        return text == null || INVISIBLE.matcher(text).replaceAll("").isEmpty();
    }
}
