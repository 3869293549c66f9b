package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A request turn; the string form of {@code content} stands for one text block. */
public record WireMessage(@JsonProperty("role") String role, @JsonProperty("content") String content) {
}
