package dev.chorus.provider.resilience;

import java.time.Duration;

/**
 * One provider's health for {@code /status}.
 *
 * @param breaker the circuit breaker's state: CLOSED (healthy), OPEN (skipped), HALF_OPEN (on trial)
 * @param p50 median time to first token over the last minutes, null without calls
 * @param p95 95th percentile of the same, null without calls
 * @param failureRate failed calls in percent over the breaker's window, negative while too few calls
 */
public record ProviderHealth(String provider, String breaker, Duration p50, Duration p95, float failureRate) {
}
