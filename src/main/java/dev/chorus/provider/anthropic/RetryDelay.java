package dev.chorus.provider.anthropic;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import okhttp3.Headers;

/** How long Anthropic asked a rate-limited caller to wait. */
final class RetryDelay {

    private static final List<String> LIMITS = List.of("requests", "tokens", "input-tokens", "output-tokens");

    private RetryDelay() {
    }

    /**
     * {@code retry-after} (whole seconds at Anthropic; an HTTP date is accepted too). Without it,
     * the latest reset among the exhausted {@code anthropic-ratelimit-*} limits, whose resets are
     * RFC 3339 instants, measured against the response's Date so a skewed local clock does not
     * matter. Null when the headers say nothing usable.
     */
    static Duration from(Headers headers) {
        Instant now = httpDate(headers.get("date"));
        Duration explicit = retryAfter(headers.get("retry-after"), now);
        if (explicit != null) {
            return explicit;
        }
        Duration longest = null;
        for (String limit : LIMITS) {
            if (!"0".equals(strip(headers.get("anthropic-ratelimit-" + limit + "-remaining")))) {
                continue;
            }
            Instant reset = rfc3339(headers.get("anthropic-ratelimit-" + limit + "-reset"));
            if (reset != null) {
                Duration wait = until(reset, now);
                longest = longest == null || wait.compareTo(longest) > 0 ? wait : longest;
            }
        }
        return longest;
    }

    private static Duration retryAfter(String value, Instant now) {
        String v = strip(value);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(v);
            return seconds.signum() < 0 ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
        } catch (NumberFormatException e) {
            Instant at = httpDate(v);
            return at == null ? null : until(at, now);
        }
    }

    private static Duration until(Instant at, Instant now) {
        Duration wait = Duration.between(now != null ? now : Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static Instant httpDate(String value) {
        String v = strip(value);
        try {
            return v == null ? null : ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant rfc3339(String value) {
        String v = strip(value);
        try {
            return v == null ? null : OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
