package dev.chorus.provider;

import java.util.Locale;

/** Who authored a chat message. */
public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** The name every OpenAI-style API expects in {@code messages[].role}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
