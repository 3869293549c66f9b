package dev.chorus.orchestration;

import java.time.Instant;

/** One model call as it is kept: who asked, which model, what it cost (micro-dollars). */
public record CallRecord(
        Instant at,
        Long userId,
        Long chatId,
        String model,
        String purpose,
        String outcome,
        long inputTokens,
        long cachedInputTokens,
        long outputTokens,
        long costMicros,
        boolean costEstimated,
        long latencyMs) {

    public CallRecord {
        if (costMicros < 0) {
            throw new IllegalArgumentException("costMicros < 0");
        }
    }
}
