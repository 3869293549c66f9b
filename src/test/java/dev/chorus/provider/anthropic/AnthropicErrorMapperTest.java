package dev.chorus.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.Fixtures;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class AnthropicErrorMapperTest {

    private static final Headers NONE = Headers.of();
    private static final String RATE_LIMIT = "anthropic/error_429_rate_limit";

    private static String body(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
    }

    @Test
    void overloadedFixture() {
        assertThat(AnthropicErrorMapper.map(529, NONE, Fixtures.read("anthropic/error_529_overloaded.json")))
                .isEqualTo(new ChatOutcome.Overloaded("Overloaded"));
    }

    @Test
    void rateLimitFixtureUsesRetryAfterSeconds() {
        ChatOutcome outcome = AnthropicErrorMapper.map(Fixtures.status(RATE_LIMIT + ".headers.txt"),
                Fixtures.headers(RATE_LIMIT + ".headers.txt"), Fixtures.read(RATE_LIMIT + ".json"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.RateLimited.class, r -> {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(17));
            assertThat(r.message()).startsWith("This request would exceed the rate limit for your organization");
        });
    }

    @Test
    void withoutRetryAfterTheLatestResetOfAnExhaustedLimitIsUsed() {
        Headers headers = Fixtures.headers(RATE_LIMIT + ".headers.txt").newBuilder().removeAll("retry-after").build();
        // input-tokens is the only limit with remaining 0; it resets at 10:21:00, the Date is 10:20:43.
        // The requests (10:20:45) and output-tokens (10:20:47) resets are ignored: those limits are not spent.
        assertThat(retryAfter(headers)).isEqualTo(Duration.ofSeconds(17));
        assertThat(retryAfter(headers.newBuilder().set("anthropic-ratelimit-input-tokens-remaining", "5").build()))
                .isNull();
        assertThat(retryAfter(Headers.of("retry-after", "2.5"))).isEqualTo(Duration.ofMillis(2500));
        assertThat(retryAfter(Headers.of("retry-after", "soon"))).isNull();
        assertThat(retryAfter(NONE)).isNull();
    }

    @Test
    void invalidRequestFixtureIsABadRequest() {
        // "max_tokens: 16384 > 8192, which is the maximum allowed number of output tokens": too much
        // output asked for, not too much prompt
        ChatOutcome outcome = AnthropicErrorMapper.map(400, NONE, Fixtures.read("anthropic/error_400_invalid_request.json"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.BadRequest.class,
                b -> assertThat(b.message()).startsWith("max_tokens: 16384 > 8192"));
    }

    @Test
    void overlongPromptsAreContextTooLong() {
        assertThat(AnthropicErrorMapper.map(400, NONE,
                body("invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum")))
                .isEqualTo(new ChatOutcome.ContextTooLong("prompt is too long: 208310 tokens > 200000 maximum"));
        assertThat(AnthropicErrorMapper.map(400, NONE, body("invalid_request_error",
                "input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000")))
                .isInstanceOf(ChatOutcome.ContextTooLong.class);
        assertThat(AnthropicErrorMapper.map(400, NONE, body("invalid_request_error", "Too many tokens in request")))
                .isInstanceOf(ChatOutcome.ContextTooLong.class);
        assertThat(AnthropicErrorMapper.map(413, NONE, body("request_too_large", "Request exceeds the maximum allowed number of bytes.")))
                .isInstanceOf(ChatOutcome.ContextTooLong.class);
    }

    @Test
    void otherBadRequestsThatMentionContextAreBadRequests() {
        for (String message : java.util.List.of("context_management is not supported for this model",
                "invalid 'context' field", "messages: context must be a string",
                "system: text content blocks must be non-empty; check your context")) {
            assertThat(AnthropicErrorMapper.map(400, NONE, body("invalid_request_error", message)))
                    .as(message).isEqualTo(new ChatOutcome.BadRequest(message));
        }
        assertThat(AnthropicErrorMapper.map(400, NONE, body("invalid_request_error",
                "Prompt is too long: 250001 tokens > 200000 maximum"))).isInstanceOf(ChatOutcome.ContextTooLong.class);
    }

    @Test
    void eachDocumentedStatus() {
        assertThat(AnthropicErrorMapper.map(401, NONE, body("authentication_error", "invalid x-api-key")))
                .isEqualTo(new ChatOutcome.AuthFailed("invalid x-api-key"));
        assertThat(AnthropicErrorMapper.map(403, NONE, body("permission_error", "no access to this model")))
                .isEqualTo(new ChatOutcome.AuthFailed("no access to this model"));
        assertThat(AnthropicErrorMapper.map(404, NONE, body("not_found_error", "model: claude-9")))
                .isEqualTo(new ChatOutcome.BadRequest("model: claude-9"));
        assertThat(AnthropicErrorMapper.map(500, NONE, body("api_error", "Internal server error")))
                .isEqualTo(new ChatOutcome.ServerError(500, "Internal server error"));
        assertThat(AnthropicErrorMapper.map(504, NONE, body("timeout_error", "Request timed out")))
                .isEqualTo(new ChatOutcome.Timeout("Request timed out"));
        assertThat(AnthropicErrorMapper.map(408, NONE, "")).isInstanceOf(ChatOutcome.Timeout.class);
    }

    @Test
    void bodiesThatAreNotAnthropicErrors() {
        assertThat(AnthropicErrorMapper.map(502, NONE, "<html>502 Bad Gateway</html>"))
                .isEqualTo(new ChatOutcome.ServerError(502, "HTTP 502 from Anthropic"));
        assertThat(AnthropicErrorMapper.map(503, NONE, null)).isEqualTo(new ChatOutcome.ServerError(503, "HTTP 503 from Anthropic"));
        assertThat(AnthropicErrorMapper.map(422, NONE, "[1,2]")).isEqualTo(new ChatOutcome.BadRequest("HTTP 422 from Anthropic"));
        // a gateway passing an overload on as 503 still says what it is
        assertThat(AnthropicErrorMapper.map(503, NONE, body("overloaded_error", "Overloaded")))
                .isEqualTo(new ChatOutcome.Overloaded("Overloaded"));
    }

    @Test
    void streamErrorTypesMapBackToTheirStatus() {
        assertThat(AnthropicErrorMapper.statusOf("overloaded_error")).isEqualTo(529);
        assertThat(AnthropicErrorMapper.statusOf("rate_limit_error")).isEqualTo(429);
        assertThat(AnthropicErrorMapper.statusOf("invalid_request_error")).isEqualTo(400);
        assertThat(AnthropicErrorMapper.statusOf("authentication_error")).isEqualTo(401);
        assertThat(AnthropicErrorMapper.statusOf("request_too_large")).isEqualTo(413);
        assertThat(AnthropicErrorMapper.statusOf("api_error")).isEqualTo(500);
        assertThat(AnthropicErrorMapper.statusOf(null)).isEqualTo(500);
    }

    private static Duration retryAfter(Headers headers) {
        return ((ChatOutcome.RateLimited) AnthropicErrorMapper.map(429, headers, "")).retryAfter();
    }
}
