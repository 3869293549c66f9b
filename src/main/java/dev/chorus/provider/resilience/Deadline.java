package dev.chorus.provider.resilience;

import java.time.Duration;

/**
 * The moment by which a whole answer must be done, every retry and fallback included. It can also
 * be ended early ({@link #end()}), as a coordinator does with a member it no longer needs: calls
 * running under it are then cancelled (their connections closed). Thread-safe.
 */
public final class Deadline {
    /** For calls that only their own timeouts bound. */
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    private final long atNanos;
    private final java.util.concurrent.CopyOnWriteArrayList<Runnable> onEnd = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean ended;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    /** Ends it now: {@link #passed()} from here on, and every call registered with {@link #onEnd} is cancelled. */
    public void end() {
        if (this == NONE) {
            throw new IllegalStateException("the shared no-deadline cannot be ended");
        }
        ended = true;
        onEnd.forEach(Runnable::run);
    }

    /** Runs {@code action} when the deadline is ended early (at once if it was); returns how to unregister it. */
    Runnable onEnd(Runnable action) {
        if (this == NONE) {
            return () -> { };
        }
        onEnd.add(action);
        if (ended) {
            action.run();
        }
        return () -> onEnd.remove(action);
    }

    public static Deadline in(Duration duration) {
        long now = System.nanoTime();
        long nanos = duration.toNanos();
        return new Deadline(Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos);
    }

    /** Time left, zero once passed. */
    public Duration remaining() {
        if (ended) {
            return Duration.ZERO;
        }
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
