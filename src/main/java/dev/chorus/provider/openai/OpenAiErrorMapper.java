package dev.chorus.provider.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import java.util.Locale;
import okhttp3.Headers;

/**
 * Turns a failed OpenAI-style response into a {@link ChatOutcome}. Knows the error shapes of
 * OpenAI ({@code error.code} a string), OpenRouter ({@code error.code} a number, details in
 * {@code error.metadata}), Ollama ({@code error} a plain string), Gemini (the object inside a
 * one-element list, {@code error.status} naming the kind) and non-JSON bodies from proxies. Only {@code error.message} is ever copied into an outcome, never the raw body.
 */
public final class OpenAiErrorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiErrorMapper() {
    }

    public static ChatOutcome map(int status, Headers headers, String body) {
        ErrorBody error = ErrorBody.parse(body);
        String message = error.message() != null ? error.message() : "HTTP " + status + " from provider";
        return switch (status) {
            case 401 -> new ChatOutcome.AuthFailed(message);
            // OpenRouter reports a moderation block as 403; the key is fine, the prompt is not.
            case 403 -> error.moderationReasons() != null
                    ? new ChatOutcome.BadRequest("flagged by moderation: " + error.moderationReasons())
                    : new ChatOutcome.AuthFailed(message);
            case 408 -> new ChatOutcome.Timeout(message);
            case 429 -> new ChatOutcome.RateLimited(error.retryDelay() != null && headers.get("retry-after") == null
                    ? error.retryDelay() : RetryAfter.from(headers, error.type()), message);
            case 529 -> new ChatOutcome.Overloaded(message);
            case 400, 413, 422 -> badKey(status, message, body) ? new ChatOutcome.AuthFailed(message)
                    : isContextTooLong(error)
                    ? new ChatOutcome.ContextTooLong(message)
                    : new ChatOutcome.BadRequest(message);
            default -> status >= 400 && status < 500
                    ? new ChatOutcome.BadRequest(message)
                    : new ChatOutcome.ServerError(status, message);
        };
    }

    /**
     * The HTTP status an error object sent inside a 200 stream stands for: OpenRouter puts it in
     * a numeric {@code code}; OpenAI only names the kind, so that is translated back.
     */
    static int statusOfStreamError(String body) {
        ErrorBody error = ErrorBody.parse(body);
        if (error.numericCode() != null) {
            return error.numericCode();
        }
        String kind = (error.code() != null ? error.code() : String.valueOf(error.type())).toLowerCase(Locale.ROOT);
        if (kind.contains("rate_limit") || kind.equals("tokens") || kind.equals("requests")) {
            return 429;
        }
        if (kind.contains("overloaded")) {
            return 529;
        }
        if (kind.equals("context_length_exceeded") || kind.contains("invalid_request")) {
            return 400;
        }
        return 500;
    }

    /** Gemini answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID, not 401. */
    private static boolean badKey(int status, String message, String body) {
        return status == 400 && (message.contains("API key not valid") || body != null && body.contains("API_KEY_INVALID"));
    }

    private static boolean isContextTooLong(ErrorBody error) {
        if ("context_length_exceeded".equals(error.code())) {
            return true;
        }
        String m = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        return m.contains("context length") || m.contains("maximum context") || m.contains("context window")
                || m.contains("exceeds the maximum number of tokens");
    }

    /** The parts of an error body the mapping needs; every field may be null. */
    private record ErrorBody(
            String message, String code, Integer numericCode, String type, String moderationReasons,
            java.time.Duration retryDelay) {

        static final ErrorBody NONE = new ErrorBody(null, null, null, null, null, null);

        static ErrorBody parse(String body) {
            if (body == null || body.isBlank()) {
                return NONE;
            }
            JsonNode root;
            try {
                root = JSON.readTree(body);
            } catch (JacksonException e) {
                return NONE;
            }
            if (root != null && root.isArray() && !root.isEmpty()) {
                // Google's OpenAI-compatible endpoint wraps the error object in a one-element list
                root = root.get(0);
            }
            JsonNode error = root == null ? null : root.get("error");
            if (error == null || error.isNull()) {
                return NONE;
            }
            if (error.isTextual()) {
                return new ErrorBody(error.asText(), null, null, null, null, null);
            }
            JsonNode code = error.path("code");
            JsonNode metadata = error.path("metadata");
            JsonNode reasons = metadata.path("reasons");
            return new ErrorBody(
                    upstreamMessage(error),
                    code.isTextual() ? code.asText() : null,
                    code.isIntegralNumber() ? code.asInt() : null,
                    error.path("type").isTextual() ? error.path("type").asText()
                            : error.path("status").isTextual() ? error.path("status").asText() : null,
                    reasons.isArray() && !reasons.isEmpty() ? joined(reasons) : null,
                    retryDelay(error.path("details")));
        }

        /** Google's {@code google.rpc.RetryInfo} detail: {@code "retryDelay": "31s"}. */
        private static java.time.Duration retryDelay(JsonNode details) {
            for (JsonNode detail : details) {
                JsonNode delay = detail.path("retryDelay");
                if (delay.isTextual() && delay.asText().endsWith("s")) {
                    try {
                        double seconds = Double.parseDouble(delay.asText().substring(0, delay.asText().length() - 1));
                        if (seconds >= 0 && seconds < 86_400) {
                            return java.time.Duration.ofMillis(Math.round(seconds * 1000));
                        }
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return null;
        }

        /**
         * OpenRouter wraps upstream failures as "Provider returned error" with the upstream
         * body as a string in {@code metadata.raw}; its message says what actually happened.
         */
        private static String upstreamMessage(JsonNode error) {
            String message = error.path("message").isTextual() ? error.path("message").asText() : null;
            JsonNode raw = error.path("metadata").path("raw");
            if (!raw.isTextual()) {
                return message;
            }
            try {
                JsonNode inner = JSON.readTree(raw.asText()).path("error").path("message");
                return inner.isTextual() ? inner.asText() : message;
            } catch (JacksonException e) {
                return message;
            }
        }

        private static String joined(JsonNode reasons) {
            StringBuilder out = new StringBuilder();
            for (JsonNode reason : reasons) {
                if (!out.isEmpty()) {
                    out.append(", ");
                }
                out.append(reason.asText());
            }
            return out.toString();
        }
    }
}
