package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One block of a response's {@code content}; only {@code text} blocks carry answer text. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireContentBlock(@JsonProperty("type") String type, @JsonProperty("text") String text) {

    public boolean isText() {
        return "text".equals(type) && text != null;
    }
}
