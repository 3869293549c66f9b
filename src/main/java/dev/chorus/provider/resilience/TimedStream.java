package dev.chorus.provider.resilience;

import dev.chorus.provider.StreamListener;

/**
 * Sits between a client and the caller's listener during one attempt: notes when the first token
 * came and what text was shown, and once a timeout has fired lets nothing more through, so the
 * user never sees text from a call we already gave up on. Thread-safe.
 */
final class TimedStream implements StreamListener {
    private final StreamListener downstream;
    private final long startNanos;
    private final StringBuilder shown = new StringBuilder();
    private long firstTokenNanos = -1;
    private String timedOut;

    TimedStream(StreamListener downstream, long startNanos) {
        this.downstream = downstream;
        this.startNanos = startNanos;
    }

    @Override
    public void onText(String delta) {
        synchronized (this) {
            if (timedOut != null || delta.isEmpty()) {
                return;
            }
            if (firstTokenNanos < 0) {
                firstTokenNanos = System.nanoTime();
            }
            shown.append(delta);
        }
        downstream.onText(delta);
    }

    /** Marks the attempt timed out, unless the first token has come and only {@code beforeFirstToken} applies. */
    synchronized boolean timeOut(String why, boolean beforeFirstTokenOnly) {
        if (timedOut != null || (beforeFirstTokenOnly && firstTokenNanos >= 0)) {
            return false;
        }
        timedOut = why;
        return true;
    }

    synchronized String timedOut() {
        return timedOut;
    }

    synchronized boolean sawText() {
        return !shown.isEmpty();
    }

    synchronized String shownText() {
        return shown.toString();
    }

    /** Nanoseconds from the start to the first token, or to now when none came. */
    synchronized long firstTokenLatencyNanos() {
        return (firstTokenNanos < 0 ? System.nanoTime() : firstTokenNanos) - startNanos;
    }
}
