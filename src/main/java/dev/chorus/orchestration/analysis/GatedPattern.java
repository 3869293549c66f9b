package dev.chorus.orchestration.analysis;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression behind a cheap necessary condition. {@code java.util.regex} tries a pattern at
 * every position of the text, so over a pasted 900-character passage each of the analyzer's shape
 * patterns costs tens of microseconds even when, as for nearly all prose, it cannot match at all. The
 * gate is a plain scan ({@code indexOf} of a character the pattern cannot match without) that answers
 * "no match possible" in a fraction of that; the regex runs only when the gate lets the text through.
 *
 * <p>The gate must never say no to a text the pattern matches: results are exactly the pattern's own.
 * {@code GatedPatternTest} checks that for every gated pattern over the labelled questions and crafted
 * matches.
 */
record GatedPattern(Pattern pattern, Predicate<String> gate) {

    static GatedPattern of(String regex, Predicate<String> gate) {
        return new GatedPattern(Pattern.compile(regex), gate);
    }

    /** Non-overlapping matches, counting stops at {@code cap}. */
    int count(String s, int cap) {
        if (!gate.test(s)) {
            return 0;
        }
        Matcher m = pattern.matcher(s);
        int n = 0;
        while (n < cap && m.find()) {
            n++;
        }
        return n;
    }

    boolean find(String s) {
        return gate.test(s) && pattern.matcher(s).find();
    }

    void forEachMatch(String s, Consumer<MatchResult> action) {
        if (!gate.test(s)) {
            return;
        }
        Matcher m = pattern.matcher(s);
        while (m.find()) {
            action.accept(m.toMatchResult());
        }
    }

    /** A gate for patterns that cannot match without one of these substrings. */
    static Predicate<String> containing(String... needles) {
        return s -> containsAny(s, needles);
    }

    static boolean containsAny(String s, String... needles) {
        for (String needle : needles) {
            if (s.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /** Case-insensitive {@code contains} without lower-casing a copy; {@code needle} in lower case. */
    static boolean containsIgnoreCase(String s, String needle) {
        char first = needle.charAt(0);
        for (int i = 0; i + needle.length() <= s.length(); i++) {
            if (Character.toLowerCase(s.charAt(i)) == first && s.regionMatches(true, i, needle, 0, needle.length())) {
                return true;
            }
        }
        return false;
    }

    /** Whether some character of {@code s} is followed, after at most {@code gap} whitespace characters, by an ASCII digit. */
    static boolean digitAfter(String s, String chars, int gap) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                continue;
            }
            int j = i + 1;
            while (j < s.length() && j - i - 1 < gap && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            if (j < s.length() && isAsciiDigit(s.charAt(j))) {
                return true;
            }
        }
        return false;
    }

    /** Whether some character of {@code chars} has an ASCII digit among the {@code window} characters before it. */
    static boolean digitBefore(String s, String chars, int window) {
        int lastDigit = Integer.MIN_VALUE / 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isAsciiDigit(c)) {
                lastDigit = i;
            } else if (i - lastDigit <= window && chars.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int asciiDigits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (isAsciiDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code s} holds a run of at least {@code run} ASCII digits. */
    static boolean digitRun(String s, int run) {
        int current = 0;
        for (int i = 0; i < s.length(); i++) {
            current = isAsciiDigit(s.charAt(i)) ? current + 1 : 0;
            if (current >= run) {
                return true;
            }
        }
        return false;
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
