package dev.chorus.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.Fixtures;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class OpenAiErrorMapperTest {

    private static final Headers NONE = Headers.of();

    @Test
    void openAiRateLimitUsesRetryAfterHeader() {
        String base = "openai/error_429_rate_limit_exceeded";
        ChatOutcome outcome = OpenAiErrorMapper.map(
                Fixtures.status(base + ".headers.txt"), Fixtures.headers(base + ".headers.txt"), Fixtures.read(base + ".json"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.RateLimited.class, r -> {
            assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(r.message()).startsWith("Rate limit reached for gpt-4o-mini");
            assertThat(r.retryable()).isTrue();
        });
    }

    @Test
    void withoutRetryAfterTheResetOfTheExhaustedLimitIsUsed() {
        String base = "openai/error_429_rate_limit_exceeded";
        Headers headers = Fixtures.headers(base + ".headers.txt").newBuilder().removeAll("retry-after").build();
        // error.type is "tokens", so x-ratelimit-reset-tokens (441ms) applies, not -requests (34.56s)
        assertThat(retryAfter(headers, Fixtures.read(base + ".json"))).isEqualTo(Duration.ofMillis(441));
        // with no type to go by, the longer reset wins
        assertThat(retryAfter(headers, "{}")).isEqualTo(Duration.ofMillis(34_560));
    }

    @Test
    void retryAfterFormats() {
        assertThat(retryAfter(Headers.of("retry-after-ms", "1500", "retry-after", "9"), "")).isEqualTo(Duration.ofMillis(1500));
        assertThat(retryAfter(Headers.of("retry-after", "20"), "")).isEqualTo(Duration.ofSeconds(20));
        assertThat(retryAfter(Headers.of(
                "date", "Thu, 12 Jun 2025 10:18:11 GMT", "retry-after", "Thu, 12 Jun 2025 10:18:41 GMT"), ""))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(retryAfter(Headers.of("x-ratelimit-reset-requests", "1m2s"), "")).isEqualTo(Duration.ofSeconds(62));
        assertThat(retryAfter(Headers.of("x-ratelimit-reset-tokens", "1h0m0.5s"), "")).isEqualTo(Duration.ofMillis(3_600_500));
        assertThat(retryAfter(Headers.of("retry-after", "soon"), "")).isNull();
        assertThat(retryAfter(NONE, "")).isNull();
    }

    @Test
    void openRouterRateLimitWithNumericCodeUsesUpstreamMessage() {
        ChatOutcome outcome = OpenAiErrorMapper.map(429, NONE, Fixtures.read("openrouter/error_429_provider_metadata.json"));
        assertThat(outcome).isEqualTo(new ChatOutcome.RateLimited(null,
                "Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 500, Used 500, Requested 1. "
                        + "Please try again in 120ms."));
    }

    @Test
    void openRouterModerationIsABadRequestNotAnAuthFailure() {
        ChatOutcome outcome = OpenAiErrorMapper.map(403, NONE, Fixtures.read("openrouter/error_403_moderation.json"));
        assertThat(outcome).isEqualTo(new ChatOutcome.BadRequest("flagged by moderation: harassment"));
        assertThat(((ChatOutcome.BadRequest) outcome).message()).doesNotContain("worthless");
    }

    @Test
    void plain403IsAnAuthFailure() {
        assertThat(OpenAiErrorMapper.map(403, NONE, "{\"error\":{\"message\":\"Country not supported\"}}"))
                .isEqualTo(new ChatOutcome.AuthFailed("Country not supported"));
    }

    @Test
    void invalidKeyIsAuthFailedWithTheMaskedKeyRedacted() {
        ChatOutcome outcome = OpenAiErrorMapper.map(401, NONE, Fixtures.read("openai/error_401_invalid_api_key.json"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.AuthFailed.class, a -> assertThat(a.message())
                .startsWith("Incorrect API key provided: [redacted]")
                .doesNotContain("9xQz")
                .doesNotContain("sk-proj"));
    }

    @Test
    void contextLengthExceeded() {
        ChatOutcome outcome = OpenAiErrorMapper.map(400, NONE, Fixtures.read("openai/error_400_context_length_exceeded.json"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.ContextTooLong.class,
                c -> assertThat(c.message()).startsWith("This model's maximum context length is 128000 tokens."));
        // servers without the code are recognised by the message
        assertThat(OpenAiErrorMapper.map(400, NONE, "{\"error\":{\"message\":\"prompt exceeds maximum context\"}}"))
                .isInstanceOf(ChatOutcome.ContextTooLong.class);
    }

    @Test
    void serverErrorFixture() {
        assertThat(OpenAiErrorMapper.map(500, NONE, Fixtures.read("openai/error_500_server_error.json")))
                .isEqualTo(new ChatOutcome.ServerError(500,
                        "The server had an error while processing your request. Sorry about that!"));
    }

    @Test
    void ollamaStringErrorIsABadRequest() {
        assertThat(OpenAiErrorMapper.map(404, NONE, Fixtures.read("ollama/error_404_model_not_found.json")))
                .isEqualTo(new ChatOutcome.BadRequest("model \"llama3.2\" not found, try pulling it first"));
    }

    @Test
    void statusesWithoutUsefulBodies() {
        String html = "<html><body>502 Bad Gateway</body></html>";
        assertThat(OpenAiErrorMapper.map(502, NONE, html)).isEqualTo(new ChatOutcome.ServerError(502, "HTTP 502 from provider"));
        assertThat(OpenAiErrorMapper.map(503, NONE, "")).isInstanceOf(ChatOutcome.ServerError.class);
        assertThat(OpenAiErrorMapper.map(504, NONE, null)).isInstanceOf(ChatOutcome.ServerError.class);
        assertThat(OpenAiErrorMapper.map(529, NONE, "{\"error\":\"busy\"}")).isEqualTo(new ChatOutcome.Overloaded("busy"));
        assertThat(OpenAiErrorMapper.map(408, NONE, "")).isInstanceOf(ChatOutcome.Timeout.class);
        assertThat(OpenAiErrorMapper.map(422, NONE, "[1,2]")).isInstanceOf(ChatOutcome.BadRequest.class);
        assertThat(OpenAiErrorMapper.map(404, NONE, "not found")).isInstanceOf(ChatOutcome.BadRequest.class);
    }

    @Test
    void streamErrorStatus() {
        assertThat(OpenAiErrorMapper.statusOfStreamError("{\"error\":{\"code\":502,\"message\":\"x\"}}")).isEqualTo(502);
        assertThat(OpenAiErrorMapper.statusOfStreamError("{\"error\":{\"type\":\"server_error\",\"code\":null}}")).isEqualTo(500);
        assertThat(OpenAiErrorMapper.statusOfStreamError("{\"error\":{\"code\":\"rate_limit_exceeded\"}}")).isEqualTo(429);
        assertThat(OpenAiErrorMapper.statusOfStreamError("{\"error\":{\"type\":\"overloaded_error\"}}")).isEqualTo(529);
    }

    private static Duration retryAfter(Headers headers, String body) {
        return ((ChatOutcome.RateLimited) OpenAiErrorMapper.map(429, headers, body)).retryAfter();
    }
}
