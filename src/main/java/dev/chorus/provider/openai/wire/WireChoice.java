package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A choice of a response ({@code message}) or of a stream chunk ({@code delta}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireChoice(
        @JsonProperty("index") int index,
        @JsonProperty("message") WireMessage message,
        @JsonProperty("delta") WireMessage delta,
        @JsonProperty("finish_reason") String finishReason) {
}
