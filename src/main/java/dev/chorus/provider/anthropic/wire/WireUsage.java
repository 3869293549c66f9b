package dev.chorus.provider.anthropic.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chorus.provider.Usage;

/** {@code usage} of a Message, of {@code message_start} and of {@code message_delta}; every count may be absent. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireUsage(
        @JsonProperty("input_tokens") Long inputTokens,
        @JsonProperty("cache_creation_input_tokens") Long cacheCreationInputTokens,
        @JsonProperty("cache_read_input_tokens") Long cacheReadInputTokens,
        @JsonProperty("output_tokens") Long outputTokens) {

    /**
     * Normalises to {@link Usage}, whose input includes cached tokens. Anthropic's input_tokens
     * counts only the tokens after the last cache breakpoint, so the cache reads and writes are added
     * back. Cache writes are listed at 1.25x the input price, but {@link Usage} has no field for them
     * and they are charged at the input price; Chorus sets no cache_control, so they should stay 0.
     * Output includes any thinking tokens, which Anthropic does not report apart.
     */
    public Usage toUsage() {
        return toUsage(0);
    }

    /** As above, with {@code thinkingTokens} (counted locally from the thinking text) as the reasoning share. */
    public Usage toUsage(long thinkingTokens) {
        long read = count(cacheReadInputTokens);
        long input = count(inputTokens) + read + count(cacheCreationInputTokens);
        long output = count(outputTokens);
        return new Usage(input, read, output, Math.min(Math.max(0, thinkingTokens), output), false);
    }

    /**
     * The counts of a later stream event laid over these. The counts are cumulative
     * (message_start says output_tokens 1, message_delta the final total), and newer API versions
     * repeat the input and cache counts in message_delta: adding would count them twice, so each
     * field keeps the larger value.
     */
    public WireUsage updatedBy(WireUsage later) {
        if (later == null) {
            return this;
        }
        return new WireUsage(max(inputTokens, later.inputTokens),
                max(cacheCreationInputTokens, later.cacheCreationInputTokens),
                max(cacheReadInputTokens, later.cacheReadInputTokens),
                max(outputTokens, later.outputTokens));
    }

    private static Long max(Long a, Long b) {
        return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
    }

    private static long count(Long value) {
        return value == null ? 0 : Math.max(0, value);
    }
}
