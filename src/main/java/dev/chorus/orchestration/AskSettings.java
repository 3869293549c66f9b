package dev.chorus.orchestration;

import java.util.Objects;

/** The fixed parts of every question: which model answers, how long it may be, the system prompt. */
public record AskSettings(String defaultModel, int maxTokens, String systemPrompt) {
    public AskSettings {
        Objects.requireNonNull(defaultModel, "defaultModel");
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
