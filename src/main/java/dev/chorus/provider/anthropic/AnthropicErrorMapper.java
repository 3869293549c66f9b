package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Turns a failed Messages API response into a {@link ChatOutcome}. Anthropic's error body is
 * {@code {"type":"error","error":{"type":…,"message":…},"request_id":…}}; a gateway or proxy in
 * between may send anything, so the status decides and the body only refines. Only
 * {@code error.message} is ever copied into an outcome, never the raw body.
 */
public final class AnthropicErrorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTEXT_TOO_LONG = Pattern.compile(
            "(?i)prompt is too long|\\bexceeds? (?:the )?context (?:limit|window)|too many tokens");

    private AnthropicErrorMapper() {
    }

    public static ChatOutcome map(int status, Headers headers, String body) {
        ErrorBody error = ErrorBody.parse(body);
        String message = error.message() != null ? error.message() : "HTTP " + status + " from Anthropic";
        // Through some gateways an overload arrives as a plain 503; the error type still says what it is.
        if ("overloaded_error".equals(error.type())) {
            return new ChatOutcome.Overloaded(message);
        }
        return switch (status) {
            case 401, 403 -> new ChatOutcome.AuthFailed(message);
            case 408, 504 -> new ChatOutcome.Timeout(message);
            case 413 -> new ChatOutcome.ContextTooLong(message);
            case 429 -> new ChatOutcome.RateLimited(RetryDelay.from(headers), message);
            case 529 -> new ChatOutcome.Overloaded(message);
            case 400 -> isContextTooLong(message)
                    ? new ChatOutcome.ContextTooLong(message)
                    : new ChatOutcome.BadRequest(message);
            default -> status >= 400 && status < 500
                    ? new ChatOutcome.BadRequest(message)
                    : new ChatOutcome.ServerError(status, message);
        };
    }

    /**
     * The HTTP status an {@code event: error} inside a 200 stream stands for: the event carries only
     * the error type, so it is translated back to the status Anthropic documents for that type.
     */
    static int statusOf(String errorType) {
        return switch (errorType == null ? "" : errorType) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /**
     * A 400 carries no machine-readable code for an overlong prompt, only the message:
     * "prompt is too long: 208310 tokens > 200000 maximum", or "input length and `max_tokens`
     * exceed context limit" when prompt plus output budget is over the window. Only those phrases
     * count: other 400s mention "context" too (a {@code context_management} field, say), and taking
     * them for an overlong prompt would send the question to a larger model instead of failing.
     */
    private static boolean isContextTooLong(String message) {
        return CONTEXT_TOO_LONG.matcher(message).find();
    }

    /** The parts of an error body the mapping needs; both may be null. */
    private record ErrorBody(String type, String message) {

        static final ErrorBody NONE = new ErrorBody(null, null);

        static ErrorBody parse(String body) {
            if (body == null || body.isBlank()) {
                return NONE;
            }
            JsonNode error;
            try {
                JsonNode root = JSON.readTree(body);
                error = root == null ? null : root.get("error");
            } catch (JacksonException e) {
                return NONE;
            }
            if (error == null || !error.isObject()) {
                return NONE;
            }
            return new ErrorBody(text(error.get("type")), text(error.get("message")));
        }

        private static String text(JsonNode node) {
            return node != null && node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
        }
    }
}
