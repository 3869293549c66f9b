package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST chat/completions}. Null fields are left out, not sent as null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<WireMessage> messages,
        // max_tokens for ordinary models (Mistral, Ollama and older servers only know this one);
        // reasoning models refuse it and take max_completion_tokens, which covers the hidden reasoning too
        @JsonProperty("max_tokens") Integer maxTokens,
        @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
        @JsonProperty("reasoning_effort") String reasoningEffort,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("stream") boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {

    public static WireRequest of(dev.chorus.provider.ChatRequest request, List<WireMessage> messages, boolean stream) {
        StreamOptions options = stream ? new StreamOptions(true) : null;
        if (request.reasoning() == null) {
            return new WireRequest(request.model(), messages, request.maxTokens(), null, null, request.temperature(),
                    stream, options);
        }
        String effort = request.reasoning().style() == dev.chorus.provider.ReasoningRequest.Style.EFFORT
                ? request.reasoning().effort().wireName() : null;
        return new WireRequest(request.model(), messages, null, request.maxTokens(), effort, null, stream, options);
    }
}
