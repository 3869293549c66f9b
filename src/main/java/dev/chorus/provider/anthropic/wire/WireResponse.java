package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A Message: the non-stream response body, and {@code message} of a stream's {@code message_start}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireResponse(
        @JsonProperty("id") String id,
        @JsonProperty("type") String type,
        @JsonProperty("model") String model,
        @JsonProperty("content") List<WireContentBlock> content,
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("usage") WireUsage usage) {

    /** All text blocks joined; other blocks (tool_use, thinking) are not answer text. */
    /** The thinking blocks' text: billed as output, never shown. */
    public String thinking() {
        StringBuilder thinking = new StringBuilder();
        if (content != null) {
            for (WireContentBlock block : content) {
                if (block != null && block.isThinking()) {
                    thinking.append(block.thinking());
                }
            }
        }
        return thinking.toString();
    }

    public String text() {
        StringBuilder text = new StringBuilder();
        if (content != null) {
            for (WireContentBlock block : content) {
                if (block != null && block.isText()) {
                    text.append(block.text());
                }
            }
        }
        return text.toString();
    }
}
