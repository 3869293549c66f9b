package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code data} of any stream event; each event type fills a different subset of fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireStreamEvent(
        @JsonProperty("type") String type,
        @JsonProperty("message") WireResponse message,
        @JsonProperty("content_block") WireContentBlock contentBlock,
        @JsonProperty("delta") WireDelta delta,
        @JsonProperty("usage") WireUsage usage,
        @JsonProperty("error") WireError error) {
}
