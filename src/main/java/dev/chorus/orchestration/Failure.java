package dev.chorus.orchestration;

/** Why no answer came, in the terms a user is told about. */
public enum Failure {
    /** The provider asked us to slow down. */
    RATE_LIMITED,
    /** The provider is down, overloaded or unreachable. */
    UNAVAILABLE,
    /** The provider took too long. */
    TIMEOUT,
    /** The provider refused our key: a config problem for the admins, not the user. */
    MISCONFIGURED,
    /** The question (with its context) is too long for the model. */
    TOO_LONG,
    /** The provider rejected the request as malformed or not allowed. */
    REJECTED,
    /** The answer broke off part way. */
    INTERRUPTED
}
