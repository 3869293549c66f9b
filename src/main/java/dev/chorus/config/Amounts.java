package dev.chorus.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads dollar amounts and budget limits as people type them ({@code 5}, {@code 5.00}, {@code $5},
 * {@code 0.5}, {@code 2/week}) into exact integer micro-dollars. Anything else is refused with a
 * reason a person can act on ({@link Refused}); nothing is ever rounded silently.
 */
public final class Amounts {
    /** No budget above a million dollars: a larger number is a typo, not a budget. */
    public static final long MAX_MICROS = 1_000_000L * 1_000_000L;
    private static final BigDecimal MAX_DOLLARS = BigDecimal.valueOf(MAX_MICROS).movePointLeft(6);
    // Any number of whole dollars, so that a huge amount is refused as too large, not as a non-amount.
    private static final Pattern DOLLARS = Pattern.compile("\\$?(\\d+(?:\\.\\d{1,6})?|\\.\\d{1,6})");
    /** Longest piece of the person's text an error quotes back: enough to recognise it, no more. */
    static final int QUOTE_LIMIT = 20;

    private Amounts() {
    }

    /** Micro-dollars of {@code text}, or {@link Refused} saying what is wrong. */
    public static long dollars(String text) {
        String s = text == null ? "" : text.strip();
        if (s.startsWith("-")) {
            throw new Refused("an amount cannot be negative");
        }
        if (s.contains(",")) {
            throw new Refused("use a dot for cents, like 5.50 (a comma is ambiguous)");
        }
        Matcher m = DOLLARS.matcher(s);
        if (!m.matches()) {
            throw new Refused(quote(s) + " is not an amount; write dollars like 5, 0.50 or $5",
                    "it is not an amount; write dollars like 5, 0.50 or $5");
        }
        BigDecimal dollars = new BigDecimal(m.group(1));
        if (dollars.compareTo(MAX_DOLLARS) > 0) {
            throw new Refused("that is more than $1,000,000");
        }
        return dollars.movePointRight(6).longValueExact();
    }

    /** A limit such as {@code 5/day}: micro-dollars and a period name (day, week or month). */
    public static Limit limit(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw new Refused("add the period, like 5/day, 20/week or 50/month");
        }
        String period = switch (s.substring(slash + 1).strip()) {
            case "day", "daily", "d" -> "day";
            case "week", "weekly", "w" -> "week";
            case "month", "monthly", "m" -> "month";
            default -> throw new Refused("the period must be day, week or month");
        };
        return new Limit(dollars(s.substring(0, slash)), period);
    }

    /** {@code text} in quotes, cut to {@link #QUOTE_LIMIT} characters: a reply should not parrot a whole paste. */
    static String quote(String text) {
        if (text.codePointCount(0, text.length()) <= QUOTE_LIMIT) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, text.offsetByCodePoints(0, QUOTE_LIMIT)) + "…'";
    }

    /**
     * Why a text is not an amount. The message may quote a short piece of the text, for the person
     * who just typed it; {@link #reason()} never does, for config errors, where the text of a
     * mistyped line can be a token.
     */
    public static final class Refused extends IllegalArgumentException {
        private final String reason;

        Refused(String reason) {
            this(reason, reason);
        }

        Refused(String message, String reason) {
            super(message);
            this.reason = reason;
        }

        /** What is wrong, without any of the text. */
        public String reason() {
            return reason;
        }
    }

    /** A budget limit: {@code micros} per {@code period} (day, week or month). */
    public record Limit(long micros, String period) {
    }
}
