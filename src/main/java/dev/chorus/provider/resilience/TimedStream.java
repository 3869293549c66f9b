package dev.chorus.provider.resilience;

import dev.chorus.provider.StreamListener;
import dev.chorus.provider.TokenEstimator;

/**
 * Sits between a client and the caller's listener during one attempt: notes when the first token
 * came and what text was shown, counts the output tokens, and once a timeout has fired or the
 * output has reached what may be paid for lets nothing more through, so the user never sees text
 * from a call we already gave up on and no answer outgrows its budget hold. Thread-safe.
 */
final class TimedStream implements StreamListener {
    private final StreamListener downstream;
    private final long startNanos;
    private final OutputCap cap;
    private final StringBuilder shown = new StringBuilder();
    private long firstTokenNanos = -1;
    private long outputTokens;
    private long reasoningTokens;
    private String timedOut;
    private OutputCap.Stop stopped;

    TimedStream(StreamListener downstream, long startNanos, OutputCap cap) {
        this.downstream = downstream;
        this.startNanos = startNanos;
        this.cap = cap;
    }

    @Override
    public void onText(String delta) {
        synchronized (this) {
            if (timedOut != null || stopped != null || delta.isEmpty()) {
                return;
            }
            // Counting each piece on its own overcounts a little at their seams: safe for a cap.
            long tokens = outputTokens + TokenEstimator.estimate(delta);
            OutputCap.Stop stop = cap.check(tokens);
            if (stop != null) {
                stopped = stop;
                cap.onStop().run();
                return;
            }
            outputTokens = tokens;
            if (firstTokenNanos < 0) {
                firstTokenNanos = System.nanoTime();
            }
            shown.append(delta);
        }
        downstream.onText(delta);
    }

    /**
     * Visible thinking counts toward the cap like answer text (it is billed output) and is a sign of
     * life for the first-token timeout, but is never shown.
     */
    @Override
    public void onReasoning(String delta) {
        synchronized (this) {
            if (timedOut != null || stopped != null || delta.isEmpty()) {
                return;
            }
            long piece = TokenEstimator.estimate(delta);
            OutputCap.Stop stop = cap.check(outputTokens + piece);
            if (stop != null) {
                stopped = stop;
                cap.onStop().run();
                return;
            }
            outputTokens += piece;
            reasoningTokens += piece;
            if (firstTokenNanos < 0) {
                firstTokenNanos = System.nanoTime();
            }
        }
        downstream.onReasoning(delta);
    }

    /** Output tokens counted so far, visible thinking included, plus the hidden reasoning assumed spent. */
    synchronized long billedTokens() {
        return outputTokens + cap.hidden();
    }

    synchronized long reasoningTokens() {
        return reasoningTokens + cap.hidden();
    }

    /** Marks the attempt timed out, unless the first token has come and only {@code beforeFirstToken} applies. */
    synchronized boolean timeOut(String why, boolean beforeFirstTokenOnly) {
        if (timedOut != null || stopped != null || (beforeFirstTokenOnly && firstTokenNanos >= 0)) {
            return false;
        }
        timedOut = why;
        return true;
    }

    synchronized String timedOut() {
        return timedOut;
    }

    /** Why the output was stopped at its cap, or null when it was not. */
    synchronized OutputCap.Stop stopped() {
        return stopped;
    }

    synchronized long outputTokens() {
        return outputTokens;
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
