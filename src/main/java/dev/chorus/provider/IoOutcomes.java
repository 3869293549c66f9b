package dev.chorus.provider;

import java.io.IOException;

/**
 * The outcomes every HTTP client maps its I/O failures to, so each wire protocol reports a dropped
 * connection or a slow server the same way. Package users: the protocol clients.
 */
public final class IoOutcomes {
    private IoOutcomes() {
    }

    /** An {@code InterruptedIOException}: a socket timeout, unless the thread itself was interrupted. */
    public static ChatOutcome timeout() {
        if (Thread.currentThread().isInterrupted()) {
            return new ChatOutcome.NetworkError("interrupted while waiting for the provider");
        }
        return new ChatOutcome.Timeout("provider did not answer in time");
    }

    /** Exception messages from the JDK name hosts and ports, never credentials; still clipped by the outcome. */
    public static ChatOutcome network(IOException e) {
        String detail = e.getMessage();
        return new ChatOutcome.NetworkError(e.getClass().getSimpleName() + (detail == null ? "" : ": " + detail));
    }

    /** A proxy may echo request headers (with the key) in an error body; never let the key travel further. */
    public static String scrub(String body, String apiKey) {
        return apiKey == null || body == null ? body : body.replace(apiKey, "[redacted]");
    }
}
