package dev.chorus.store;

/** Whether a reservation fit every scope it touches. */
public sealed interface ReserveResult {
    record Reserved(String id) implements ReserveResult {
    }

    /**
     * {@code scope} had {@code usedMicros} of its {@code limitMicros} in use, {@code spentMicros} of
     * them charged (the rest held by calls in flight); the call does not fit.
     */
    record Exceeded(ScopeKey scope, long usedMicros, long spentMicros, long limitMicros) implements ReserveResult {
    }
}
