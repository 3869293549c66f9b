package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One block of a response's {@code content}; only {@code text} blocks carry answer text. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireContentBlock(@JsonProperty("type") String type, @JsonProperty("text") String text,
                               @JsonProperty("thinking") String thinking) {

    public WireContentBlock(String type, String text) {
        this(type, text, null);
    }

    public boolean isText() {
        return "text".equals(type) && text != null;
    }

    /** A {@code thinking} block (extended thinking); a {@code redacted_thinking} block carries none readable. */
    public boolean isThinking() {
        return "thinking".equals(type) && thinking != null;
    }
}
