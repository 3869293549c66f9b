package dev.chorus.provider.resilience;

import java.time.Duration;

/** Waiting between retries, replaceable so tests of backoff and retry-after do not sleep. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    };

    void sleep(Duration duration);
}
