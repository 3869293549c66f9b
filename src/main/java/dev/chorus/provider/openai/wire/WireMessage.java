package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A message in a request, a response's {@code message}, or a stream chunk's {@code delta}
 * (where every field may be absent). {@code refusal} is OpenAI-only; others omit it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireMessage(String role, String content, String refusal) {

    public static WireMessage of(String role, String content) {
        return new WireMessage(role, content, null);
    }
}
