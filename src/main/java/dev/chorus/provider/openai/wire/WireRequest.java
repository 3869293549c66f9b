package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST chat/completions}. Null fields are left out, not sent as null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireRequest(
        @JsonProperty("model") String model,
        @JsonProperty("messages") List<WireMessage> messages,
        // max_tokens rather than max_completion_tokens: Mistral, Ollama and xAI only know this one.
        @JsonProperty("max_tokens") int maxTokens,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("stream") boolean stream,
        @JsonProperty("stream_options") StreamOptions streamOptions) {
}
