package dev.chorus.provider.resilience;

/**
 * How far one call's output may grow: never past the {@code max_tokens} it was sent (some servers
 * ignore it, reasoning models spend hidden tokens), and never past what its budget hold pays for,
 * which is extended, doubling, while the budget has room. Used from the streaming thread.
 */
final class OutputCap {
    /** Why output was stopped. */
    enum Stop {
        /** The request's own output limit. */
        LENGTH,
        /** The budget had no room for more. */
        BUDGET
    }

    private final int maxTokens;
    private final SpendGate.Spend spend;
    private final Runnable onStop;
    private final int hidden;

    /**
     * @param maxTokens the request's max_tokens; output is cut a little past it (our count of
     *     streamed text runs slightly high), where a server that honours it has long stopped
     */
    OutputCap(int maxTokens, SpendGate.Spend spend, Runnable onStop) {
        this(maxTokens, spend, onStop, 0);
    }

    /**
     * @param hidden output tokens the model may spend unseen (an OpenAI-style reasoning budget): counted
     *     as spent from the start, since nothing shows how many are, so the visible answer only gets what
     *     the hold has left after them
     */
    OutputCap(int maxTokens, SpendGate.Spend spend, Runnable onStop, int hidden) {
        this.maxTokens = (int) Math.min(Integer.MAX_VALUE, maxTokens + (long) maxTokens / 8 + 16);
        this.spend = spend;
        this.onStop = onStop;
        this.hidden = hidden;
    }

    /** The hidden tokens assumed spent. */
    int hidden() {
        return hidden;
    }

    static OutputCap unlimited() {
        return new OutputCap(Integer.MAX_VALUE, SpendGate.Spend.NONE, () -> { });
    }

    /** Null when {@code tokens} of output may be shown, else why not. */
    Stop check(long seen) {
        long tokens = seen + hidden;
        if (tokens > maxTokens) {
            return Stop.LENGTH;
        }
        int held = spend.outputTokens();
        while (tokens > held) {
            int wanted = (int) Math.min(maxTokens, Math.max(tokens, (long) held * 2));
            if (!spend.extendTo(wanted)) {
                return Stop.BUDGET;
            }
            held = spend.outputTokens();
        }
        return null;
    }

    Runnable onStop() {
        return onStop;
    }
}
