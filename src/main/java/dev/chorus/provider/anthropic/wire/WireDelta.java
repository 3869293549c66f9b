package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code delta} of a {@code content_block_delta} (type and text) or of a {@code message_delta}
 * (stop reason); one record serves both as each leaves the other's fields absent.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireDelta(
        @JsonProperty("type") String type,
        @JsonProperty("text") String text,
        @JsonProperty("thinking") String thinking,
        @JsonProperty("stop_reason") String stopReason) {

    public boolean isTextDelta() {
        return "text_delta".equals(type) && text != null;
    }

    /** A piece of extended thinking: billed output, never answer text. */
    public boolean isThinkingDelta() {
        return "thinking_delta".equals(type) && thinking != null;
    }
}
