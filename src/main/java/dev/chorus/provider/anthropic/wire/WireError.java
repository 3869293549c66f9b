package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code error} of an error body or of an {@code event: error} in a stream. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireError(@JsonProperty("type") String type, @JsonProperty("message") String message) {
}
