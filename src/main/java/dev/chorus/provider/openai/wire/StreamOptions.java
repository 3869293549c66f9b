package dev.chorus.provider.openai.wire;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Without include_usage a stream reports no token counts at all. */
public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
}
