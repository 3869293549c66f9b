package dev.chorus.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * The fixed parts of every question: how long an answer may be, the system prompt, and how long the
 * asker waits for an answer at most, every retry and stand-in included.
 */
public record AskSettings(int maxTokens, String systemPrompt, Duration deadline) {
    /** The deadline when none is configured. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);

    public AskSettings(int maxTokens, String systemPrompt) {
        this(maxTokens, systemPrompt, DEFAULT_DEADLINE);
    }

    public AskSettings {
        Objects.requireNonNull(systemPrompt, "systemPrompt");
        Objects.requireNonNull(deadline, "deadline");
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
