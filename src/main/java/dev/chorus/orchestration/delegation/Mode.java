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

    /**
     * How hard a reasoning model is asked to think in this mode: cheap asks for low effort (its
     * thinking is billed output), quality for high, fast for low (thinking is time); null leaves each
     * model its own default.
     */
    public dev.chorus.provider.Effort effort() {
        return switch (this) {
            case CHEAP, FAST -> dev.chorus.provider.Effort.LOW;
            case QUALITY -> dev.chorus.provider.Effort.HIGH;
            case BALANCED, LOCAL -> null;
        };
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Mode of(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT));
    }
}
