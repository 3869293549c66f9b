package dev.chorus.provider;

import java.util.Objects;

/**
 * Asking a reasoning model to think: how, how hard, and how many output tokens the thinking may take.
 *
 * @param budgetTokens the hidden tokens held for the thinking; the request's max tokens include them
 */
public record ReasoningRequest(Style style, Effort effort, int budgetTokens) {
    public ReasoningRequest {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(effort, "effort");
        if (budgetTokens <= 0) {
            throw new IllegalArgumentException("budgetTokens must be positive: " + budgetTokens);
        }
    }

    /** True when the reasoning cannot be watched as it grows: it is held in full before the call. */
    public boolean hidden() {
        return style != Style.THINKING;
    }

    /** How a protocol asks for thinking. */
    public enum Style {
        /**
         * OpenAI's reasoning models (and xAI's, Gemini's through its OpenAI endpoint): {@code
         * reasoning_effort}, {@code max_completion_tokens} for everything generated, no temperature.
         * The reasoning is hidden: only the usage counts it.
         */
        EFFORT,
        /**
         * A model that always reasons, unseen, and takes no effort setting (xAI's Grok 4): {@code
         * max_completion_tokens} and no temperature, and its reasoning held like {@link #EFFORT}'s.
         */
        HIDDEN,
        /**
         * Anthropic's extended thinking: {@code thinking: {type: enabled, budget_tokens}}, within
         * {@code max_tokens}, no temperature. The thinking streams (and is billed as output).
         */
        THINKING
    }
}
