package dev.chorus.store;

/** A reservation that was never closed: its process died between reserve and settle. */
public record OpenReservation(String id, String state, long reservedMicros, long estimateMicros, String model) {
    /** Whether the request went out, so the provider may have billed it. */
    public boolean sent() {
        return "sent".equals(state);
    }
}
