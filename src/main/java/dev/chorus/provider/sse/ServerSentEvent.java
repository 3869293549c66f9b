package dev.chorus.provider.sse;

import java.util.Objects;

/**
 * One dispatched event.
 *
 * @param id the last event id seen on the stream (ids carry over between events), or null
 * @param type the {@code event:} field, or null when absent (the spec's implicit "message")
 * @param data all {@code data:} lines of the event joined with {@code \n}
 */
public record ServerSentEvent(String id, String type, String data) {

    public ServerSentEvent {
        Objects.requireNonNull(data, "data");
    }
}
