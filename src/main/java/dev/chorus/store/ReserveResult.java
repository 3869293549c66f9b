package dev.chorus.store;

/** Whether a reservation fit every scope it touches. */
public sealed interface ReserveResult {
    record Reserved(String id) implements ReserveResult {
    }

    /** {@code scope} had {@code usedMicros} of its {@code limitMicros} in use; the call does not fit. */
    record Exceeded(ScopeKey scope, long usedMicros, long limitMicros) implements ReserveResult {
    }
}
