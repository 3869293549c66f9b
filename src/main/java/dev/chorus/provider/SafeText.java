package dev.chorus.provider;

import java.util.regex.Pattern;

/**
 * Makes provider error text fit for logs and chat: one line, at most {@value #MAX_LENGTH}
 * characters, and with anything shaped like a credential blanked out. Provider messages echo
 * keys (OpenAI masks all but the last four characters, proxies sometimes echo them whole).
 */
final class SafeText {

    static final int MAX_LENGTH = 200;

    // sk-…, sk-proj-…, sk-or-v1-…, sk-ant-…, xai-…, gsk_…, and masked forms with '*'.
    private static final Pattern KEY_LIKE =
            Pattern.compile("\\b(?:sk|xai|gsk|pk|rk)[-_][A-Za-z0-9_*\\-]{6,}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\bbearer\\s+\\S+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private SafeText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        String clean = WHITESPACE.matcher(text).replaceAll(" ").strip();
        clean = KEY_LIKE.matcher(clean).replaceAll("[redacted]");
        clean = BEARER.matcher(clean).replaceAll("Bearer [redacted]");
        if (clean.length() > MAX_LENGTH) {
            clean = clean.substring(0, MAX_LENGTH - 1) + "…";
        }
        return clean;
    }
}
