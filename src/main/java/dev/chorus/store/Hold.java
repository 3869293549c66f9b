package dev.chorus.store;

/**
 * A reservation's claim on one scope: it must fit {@code limitMicros} within the period that
 * started at {@code periodStart} (ISO-8601 instant).
 */
public record Hold(ScopeKey scope, String periodStart, long limitMicros) {
}
