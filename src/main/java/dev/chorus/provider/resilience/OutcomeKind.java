package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatOutcome;

/**
 * The kind of a call's outcome as the database and the metrics name it. Explicit, so that renaming
 * a class can never change what is stored or graphed; the labels match what older rows hold.
 */
public enum OutcomeKind {
    COMPLETED("Completed", false),
    REFUSED("Refused", false),
    RATE_LIMITED("RateLimited", true),
    OVERLOADED("Overloaded", true),
    CIRCUIT_OPEN("CircuitOpen", true),
    BULKHEAD_FULL("Bulkhead", true),
    AUTH_FAILED("AuthFailed", true),
    CONTEXT_TOO_LONG("ContextTooLong", false),
    BAD_REQUEST("BadRequest", false),
    SERVER_ERROR("ServerError", true),
    TIMEOUT("Timeout", true),
    NETWORK_ERROR("NetworkError", true),
    INTERRUPTED("Interrupted", true);

    private final String label;
    private final boolean providerFault;

    OutcomeKind(String label, boolean providerFault) {
        this.label = label;
        this.providerFault = providerFault;
    }

    /** Whether the outcome says the provider is unhealthy (a bad request or a refusal does not). */
    public boolean providerFault() {
        return providerFault;
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
