package dev.chorus.provider.openai;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** Reads how long a rate-limited caller should wait from response headers. */
final class RetryAfter {

    // Go-style durations as OpenAI sends them in x-ratelimit-reset-*: "34.56s", "441ms", "1m2s".
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");
    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000L);
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private RetryAfter() {
    }

    /**
     * Explicit retry-after-ms / retry-after first (the SDKs' order, ms being more precise), then
     * the reset time of the exhausted limit. {@code limitType} is OpenAI's {@code error.type}
     * ("tokens" or "requests"); when it is unknown the longer reset is used so we never retry early.
     */
    static Duration from(Headers headers, String limitType) {
        Duration explicit = millis(headers.get("retry-after-ms"));
        if (explicit == null) {
            explicit = retryAfter(headers.get("retry-after"), headers.get("date"));
        }
        if (explicit != null) {
            return explicit;
        }
        Duration requests = goDuration(headers.get("x-ratelimit-reset-requests"));
        Duration tokens = goDuration(headers.get("x-ratelimit-reset-tokens"));
        if ("tokens".equals(limitType) && tokens != null) {
            return tokens;
        }
        if ("requests".equals(limitType) && requests != null) {
            return requests;
        }
        if (requests == null || tokens == null) {
            return requests != null ? requests : tokens;
        }
        return requests.compareTo(tokens) >= 0 ? requests : tokens;
    }

    private static Duration millis(String value) {
        BigDecimal ms = decimal(value);
        return ms == null ? null : Duration.ofNanos(ms.multiply(NANOS_PER_MILLI).longValue());
    }

    /** Seconds, or an HTTP date measured against the response's own Date header when present. */
    private static Duration retryAfter(String value, String dateHeader) {
        BigDecimal seconds = decimal(value);
        if (seconds != null) {
            return Duration.ofNanos(seconds.multiply(NANOS_PER_SECOND).longValue());
        }
        Instant at = httpDate(value);
        if (at == null) {
            return null;
        }
        Instant now = httpDate(dateHeader);
        Duration wait = Duration.between(now != null ? now : Instant.now(), at);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    static Duration goDuration(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Matcher m = PART.matcher(value.strip());
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (m.lookingAt()) {
            BigDecimal amount = new BigDecimal(m.group(1));
            BigDecimal unit = switch (m.group(2)) {
                case "ms" -> NANOS_PER_MILLI;
                case "s" -> NANOS_PER_SECOND;
                case "m" -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(60));
                default -> NANOS_PER_SECOND.multiply(BigDecimal.valueOf(3600));
            };
            nanos = nanos.add(amount.multiply(unit));
            end = m.end();
            m.region(end, m.regionEnd());
        }
        return end == value.strip().length() ? Duration.ofNanos(nanos.longValue()) : null;
    }

    private static BigDecimal decimal(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(value.strip());
            return d.signum() < 0 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant httpDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
