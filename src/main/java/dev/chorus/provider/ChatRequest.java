package dev.chorus.provider;

import java.util.List;
import java.util.Objects;

/**
 * A provider-neutral chat request.
 *
 * @param maxTokens everything the model may generate, hidden reasoning included
 * @param temperature null means "let the provider use its default"; some reasoning models reject
 *     any explicit value, so omitting it must stay possible
 * @param reasoning how to ask a reasoning model to think, or null for a model that does not
 */
public record ChatRequest(String model, List<ChatMessage> messages, int maxTokens, Double temperature,
                          ReasoningRequest reasoning) {

    public ChatRequest(String model, List<ChatMessage> messages, int maxTokens, Double temperature) {
        this(model, messages, maxTokens, temperature, null);
    }

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) {
            throw new IllegalArgumentException("model is blank");
        }
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages is empty");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
        // 0..2 is the widest range any OpenAI-style provider accepts; a narrower provider
        // (Anthropic: 0..1) answers 400, which is an outcome, not a crash.
        if (temperature != null && !(temperature >= 0.0 && temperature <= 2.0)) {
            throw new IllegalArgumentException("temperature must be within 0..2: " + temperature);
        }
        if (reasoning != null && reasoning.budgetTokens() >= maxTokens) {
            throw new IllegalArgumentException("the reasoning budget must leave room for the answer: "
                    + reasoning.budgetTokens() + " of " + maxTokens);
        }
    }
}
