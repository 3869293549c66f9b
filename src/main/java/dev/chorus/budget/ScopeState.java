package dev.chorus.budget;

import dev.chorus.store.ScopeKey;
import java.time.ZonedDateTime;

/**
 * One scope's budget now.
 *
 * @param limitMicros the limit, or negative when the scope has none
 * @param usedMicros spent plus held by calls in flight, this period
 */
public record ScopeState(ScopeKey scope, long limitMicros, Period period, long usedMicros, ZonedDateTime resets) {
    public boolean limited() {
        return limitMicros >= 0;
    }

    public long remainingMicros() {
        return limited() ? Math.max(0, limitMicros - usedMicros) : Long.MAX_VALUE;
    }
}
