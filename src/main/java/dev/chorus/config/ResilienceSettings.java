package dev.chorus.config;

import java.time.Duration;

/**
 * How hard Chorus tries one provider before moving on to the next model.
 *
 * @param firstTokenTimeout the longest wait for the first streamed token
 * @param totalTimeout the longest a whole call may take
 * @param maxRetries retries of a retryable failure, only before the first token
 * @param maxConcurrentCalls the bulkhead: calls in flight to one provider
 * @param breakerOpen how long an open circuit breaker skips its provider
 */
public record ResilienceSettings(Duration firstTokenTimeout, Duration totalTimeout, int maxRetries,
                                 int maxConcurrentCalls, Duration breakerOpen) {
    public static final ResilienceSettings DEFAULTS = new ResilienceSettings(Duration.ofSeconds(25),
            Duration.ofSeconds(90), 2, 8, Duration.ofSeconds(30));
}
