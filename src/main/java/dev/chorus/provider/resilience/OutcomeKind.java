package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatOutcome;

/**
 * The kind of a call's outcome as the database and the metrics name it. Explicit, so that renaming
 * a class can never change what is stored or graphed; the labels match what older rows hold.
 */
public enum OutcomeKind {
    COMPLETED("Completed"),
    REFUSED("Refused"),
    RATE_LIMITED("RateLimited"),
    OVERLOADED("Overloaded"),
    CIRCUIT_OPEN("CircuitOpen"),
    BULKHEAD_FULL("Bulkhead"),
    AUTH_FAILED("AuthFailed"),
    CONTEXT_TOO_LONG("ContextTooLong"),
    BAD_REQUEST("BadRequest"),
    SERVER_ERROR("ServerError"),
    TIMEOUT("Timeout"),
    NETWORK_ERROR("NetworkError"),
    INTERRUPTED("Interrupted");

    private final String label;

    OutcomeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }

    public static OutcomeKind of(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.Completed c -> COMPLETED;
            case ChatOutcome.Refused r -> REFUSED;
            case ChatOutcome.RateLimited r -> RATE_LIMITED;
            case ChatOutcome.Overloaded o -> switch (o.reason()) {
                case PROVIDER, NONE_LEFT -> OVERLOADED;
                case CIRCUIT_OPEN -> CIRCUIT_OPEN;
                case BULKHEAD_FULL -> BULKHEAD_FULL;
            };
            case ChatOutcome.AuthFailed a -> AUTH_FAILED;
            case ChatOutcome.ContextTooLong c -> CONTEXT_TOO_LONG;
            case ChatOutcome.BadRequest b -> BAD_REQUEST;
            case ChatOutcome.ServerError s -> SERVER_ERROR;
            case ChatOutcome.Timeout t -> TIMEOUT;
            case ChatOutcome.NetworkError n -> NETWORK_ERROR;
            case ChatOutcome.Interrupted i -> INTERRUPTED;
        };
    }
}
