package dev.chorus.provider.resilience;

import java.time.Duration;

/** The moment by which a whole answer must be done, every retry and fallback included. Immutable. */
public final class Deadline {
    /** For calls that only their own timeouts bound. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    public static Deadline in(Duration duration) {
        long now = System.nanoTime();
        long nanos = duration.toNanos();
        return new Deadline(Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos);
    }

    /** Time left, zero once passed. */
    public Duration remaining() {
        if (atNanos == Long.MAX_VALUE) {
            return Duration.ofNanos(Long.MAX_VALUE);
        }
        long left = atNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean passed() {
        return remaining().isZero();
    }

    /** The shorter of {@code timeout} and the time left. */
    public Duration bound(Duration timeout) {
        Duration left = remaining();
        return left.compareTo(timeout) < 0 ? left : timeout;
    }
}
