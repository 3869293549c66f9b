package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A chat completion or one stream chunk: the shapes differ only in message vs delta.
 * {@code error} is set when a server reports a failure inside an HTTP 200 stream.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireCompletion(
        @JsonProperty("id") String id,
        @JsonProperty("model") String model,
        @JsonProperty("choices") List<WireChoice> choices,
        @JsonProperty("usage") WireUsage usage,
        @JsonProperty("error") JsonNode error) {

    /** The first choice, or null (the usage-only chunk has {@code choices: []}). */
    public WireChoice firstChoice() {
        return choices == null || choices.isEmpty() ? null : choices.getFirst();
    }
}
