package dev.chorus.config;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A credential (bot token, API key). Its {@code toString()} never reveals the value, so a secret
 * that reaches a log line, an exception message or a record's generated {@code toString()} stays
 * hidden. Only {@link #reveal()} gives the value, for the one place that sends it over the wire.
 */
public final class Secret {
    // Short values would mask innocent text; real tokens and keys are far longer.
    private static final int MIN_MASKED_LENGTH = 8;
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a credential and remembers it, so {@link #mask(String)} can hide it wherever it turns up. */
    public static Secret of(String value) {
        if (value.length() >= MIN_MASKED_LENGTH) {
            KNOWN.add(value);
        }
        return new Secret(value);
    }

    /**
     * {@code text} with every credential this process has loaded replaced by {@code [secret]}.
     * Libraries put request URLs (which hold the bot token) into their exception messages; the log
     * layout and error paths pass text through here.
     */
    public static String mask(String text) {
        if (text == null || KNOWN.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String known : KNOWN) {
            masked = masked.replace(known, "[secret]");
        }
        return masked;
    }

    public String reveal() {
        return value;
    }

    /** Whether {@code text} contains this secret, so that callers can refuse to print it. */
    public boolean appearsIn(String text) {
        return text != null && !value.isEmpty() && text.contains(value);
    }

    @Override
    public String toString() {
        return "[secret]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
