package dev.chorus.provider;

/**
 * Token counts of one call, normalised across providers.
 *
 * @param inputTokens all prompt tokens, cached ones included
 * @param cachedInputTokens the part of {@code inputTokens} read from the provider's prompt cache
 * @param outputTokens all billed output tokens, reasoning tokens included
 * @param reasoningTokens the part of {@code outputTokens} spent on hidden reasoning
 * @param estimated true when the provider reported nothing and the counts are a local guess
 */
public record Usage(
        long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens, boolean estimated) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0, false);

    public Usage {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("negative token count");
        }
        if (cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cachedInputTokens exceeds inputTokens");
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoningTokens exceeds outputTokens");
        }
    }

    /** A local guess used when a provider sent no usage at all. */
    public static Usage estimated(long inputTokens, long outputTokens) {
        return new Usage(inputTokens, 0, outputTokens, 0, true);
    }

    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens;
    }
}
