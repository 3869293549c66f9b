package dev.chorus.config;

/**
 * "1st", "2nd", "23rd": how an error points at one entry of a comma-separated value without
 * quoting it (the value may be a token pasted into the wrong key).
 */
public final class Ordinals {
    private Ordinals() {
    }

    /** {@code n} (1 or more) as an English ordinal. */
    public static String of(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : switch (n % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return n + suffix;
    }
}
