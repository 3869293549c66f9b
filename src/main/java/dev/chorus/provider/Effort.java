package dev.chorus.provider;

import java.util.Locale;

/** How hard a reasoning model is asked to think; the wire name is the same for OpenAI, xAI and Gemini. */
public enum Effort {
    LOW, MEDIUM, HIGH;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One step less, or null below {@link #LOW}. */
    public Effort lower() {
        return this == LOW ? null : values()[ordinal() - 1];
    }

    public static Effort of(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
