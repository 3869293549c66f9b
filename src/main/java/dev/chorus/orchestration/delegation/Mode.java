package dev.chorus.orchestration.delegation;

import java.util.Locale;

/** How a user (or group) wants models chosen. */
public enum Mode {
    /** The cheapest model that is good enough, with a lower bar. */
    CHEAP,
    /** The cheapest model that is good enough for this task. The default. */
    BALANCED,
    /** The best model that fits the budget, whatever it costs. */
    QUALITY,
    /** The cheapest good-enough model among the fast ones. */
    FAST,
    /** Only models on the bot's own machine: nothing leaves it. */
    LOCAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode of(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT));
    }
}
