package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST messages}. Null fields are left out, not sent as null.
 *
 * @param system all system prompts of the conversation: Anthropic has no system role in messages
 * @param maxTokens required by Anthropic, unlike OpenAI
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireRequest(
        @JsonProperty("model") String model,
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("system") String system,
        @JsonProperty("messages") List<WireMessage> messages,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("stream") boolean stream,
        @JsonProperty("thinking") Thinking thinking) {

    public WireRequest(String model, int maxTokens, String system, List<WireMessage> messages, Double temperature,
                       boolean stream) {
        this(model, maxTokens, system, messages, temperature, stream, null);
    }

    /** Extended thinking: {@code budget_tokens} of {@code max_tokens} may go to thinking (at least 1,024). */
    public record Thinking(@JsonProperty("type") String type, @JsonProperty("budget_tokens") int budgetTokens) {
        public static Thinking enabled(int budgetTokens) {
            return new Thinking("enabled", budgetTokens);
        }
    }
}
