package dev.chorus.orchestration;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which admin alerts went out when, so one is not repeated within its quiet period. Kept in the
 * store, so that N replicas seeing the same broken key tell the admins once, not N times, and a
 * restart does not tell them again.
 */
public interface AlertRepeats {
    /**
     * True when no alert with {@code key} went out within {@code quietPeriod} before {@code now};
     * then {@code now} is recorded as its time, in one step, so that of several callers at once
     * exactly one is told to send.
     */
    boolean firstWithin(String key, Instant now, Duration quietPeriod);

    /** In this process only: for a store that cannot be reached, and for tests of the alerts alone. */
    static AlertRepeats inMemory() {
        Map<String, Instant> lastSent = new ConcurrentHashMap<>();
        return (key, now, quietPeriod) -> {
            boolean[] first = {false};
            lastSent.compute(key, (k, previous) -> {
                if (previous != null && Duration.between(previous, now).compareTo(quietPeriod) < 0) {
                    return previous;
                }
                first[0] = true;
                return now;
            });
            return first[0];
        };
    }
}
