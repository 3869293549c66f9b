package dev.chorus.orchestration;

import java.util.Objects;

/** The fixed parts of every question: how long an answer may be, and the system prompt. */
public record AskSettings(int maxTokens, String systemPrompt) {
    public AskSettings {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
