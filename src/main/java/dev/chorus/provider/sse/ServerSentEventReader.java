package dev.chorus.provider.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Objects;
import okio.BufferedSource;

/**
 * A pull parser for {@code text/event-stream} bodies, following the WHATWG event-stream rules:
 * any of CRLF/LF/CR ends a line, {@code data:} lines are joined with LF, one space after the
 * colon is optional, lines starting with {@code :} are comments (OpenRouter sends
 * {@code : OPENROUTER PROCESSING} as a keep-alive), and an event is dispatched on a blank line.
 *
 * <p>It does no I/O of its own beyond reading, so callers decide when to stop (for example at
 * {@code data: [DONE]}) and can tell a clean end from a stream cut mid-event. Not thread-safe.
 */
public final class ServerSentEventReader {

    /** Receives each dispatched event, on the reading thread. */
    @FunctionalInterface
    public interface Callback {
        void onEvent(ServerSentEvent event);
    }

    /** How the stream ended. */
    public enum Ending {
        /** At an event boundary: nothing was pending. */
        CLEAN,
        /** Inside an event or a line: what was pending has been discarded, as the spec requires. */
        MID_EVENT
    }

    private final LineSource lines;
    private final Callback callback;
    private final StringBuilder data = new StringBuilder();
    private String lastId;
    private String type;
    private boolean hasData;
    private boolean fieldsPending;
    private boolean firstLine = true;
    private Ending ending;

    public ServerSentEventReader(BufferedSource source, Callback callback) {
        this(new LineSource.FromSource(Objects.requireNonNull(source, "source")), callback);
    }

    public ServerSentEventReader(Reader reader, Callback callback) {
        this(new LineSource.FromReader(buffered(Objects.requireNonNull(reader, "reader"))), callback);
    }

    private ServerSentEventReader(LineSource lines, Callback callback) {
        this.lines = lines;
        this.callback = Objects.requireNonNull(callback, "callback");
    }

    /**
     * Reads until one event has been dispatched to the callback (returns true) or the stream
     * ends (returns false; see {@link #ending()}).
     */
    public boolean processNextEvent() throws IOException {
        if (ending != null) {
            return false;
        }
        String line;
        while ((line = lines.next()) != null) {
            if (firstLine) {
                firstLine = false;
                if (line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
            }
            if (line.isEmpty()) {
                if (dispatch()) {
                    return true;
                }
            } else if (line.charAt(0) != ':') {
                field(line);
            }
        }
        ending = fieldsPending || lines.endedMidLine() ? Ending.MID_EVENT : Ending.CLEAN;
        return false;
    }

    /** Reads to the end of the stream, dispatching every event. */
    public Ending readAll() throws IOException {
        while (processNextEvent()) {
            // each call dispatches one event
        }
        return ending;
    }

    /** How the stream ended; null while it has not ended. */
    public Ending ending() {
        return ending;
    }

    private void field(String line) {
        fieldsPending = true;
        int colon = line.indexOf(':');
        String name = colon == -1 ? line : line.substring(0, colon);
        String value = "";
        if (colon != -1) {
            int start = colon + 1;
            if (start < line.length() && line.charAt(start) == ' ') {
                start++;
            }
            value = line.substring(start);
        }
        switch (name) {
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            case "event" -> type = value;
            case "id" -> {
                // The spec ignores ids containing NUL.
                if (value.indexOf('\0') == -1) {
                    lastId = value;
                }
            }
            default -> {
                // "retry" and unknown fields are of no use to a one-shot HTTP call.
            }
        }
    }

    private boolean dispatch() {
        fieldsPending = false;
        if (!hasData) {
            type = null;
            return false;
        }
        ServerSentEvent event = new ServerSentEvent(lastId, type, data.toString());
        data.setLength(0);
        hasData = false;
        type = null;
        callback.onEvent(event);
        return true;
    }

    private static Reader buffered(Reader reader) {
        return reader instanceof BufferedReader ? reader : new BufferedReader(reader);
    }
}
