package dev.chorus.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.Usage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OpenAiCompatibleClientTest {

    private static final String KEY = "sk-test-0123456789abcdefSECRET";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest REQUEST = new ChatRequest("gpt-4o-mini",
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?")), 64, 0.2);

    @StartStop
    public final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    private final List<String> deltas = new ArrayList<>();

    private OpenAiCompatibleClient client(String key) {
        return new OpenAiCompatibleClient(http, server.url("/v1"), key, JSON);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    @Test
    void completeSendsTheRequestAndParsesTheAnswer() throws Exception {
        server.enqueue(json(200, Fixtures.read("openai/chat_completion.json")));

        ChatOutcome outcome = client(KEY).complete(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).startsWith("Rust is a systems programming language");
            assertThat(c.usage()).isEqualTo(new Usage(1864, 1792, 31, 0, false));
            assertThat(c.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        });
        RecordedRequest recorded = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = JSON.readTree(recorded.getBody().utf8());
        assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.get("stream").asBoolean()).isFalse();
        assertThat(body.has("stream_options")).isFalse();
        assertThat(body.get("messages").toString()).isEqualTo(
                "[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"What is Rust?\"}]");
    }

    @Test
    void streamDeliversDeltasInOrderAndUsageFromTheLastChunk() throws Exception {
        server.enqueue(sse(Fixtures.read("openai/chat_completion_stream_include_usage.sse")));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Rust", " is a memory-safe", " systems language.");
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Rust is a memory-safe systems language.",
                new Usage(23, 0, 8, 0, false), "gpt-4o-mini-2024-07-18", FinishReason.STOP));
        RecordedRequest recorded = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        JsonNode body = JSON.readTree(recorded.getBody().utf8());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void openRouterStreamWithCommentLine() {
        server.enqueue(sse(Fixtures.read("openrouter/chat_completion_stream.sse")));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Rust", " is memory-safe.");
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Rust is memory-safe.",
                new Usage(24, 0, 6, 0, false), "openai/gpt-4o-mini", FinishReason.STOP));
    }

    @Test
    void blankKeySendsNoAuthorizationAndTemperatureIsOmittedWhenNull() throws Exception {
        server.enqueue(json(200, Fixtures.read("ollama/v1_chat_completions.json")));

        ChatRequest request = new ChatRequest("llama3.2", List.of(ChatMessage.user("What is Rust?")), 64, null);
        assertThat(client("  ").complete(request)).isInstanceOf(ChatOutcome.Completed.class);

        RecordedRequest recorded = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        assertThat(JSON.readTree(recorded.getBody().utf8()).has("temperature")).isFalse();
    }

    @Test
    void basePathPrefixIsKeptWithOrWithoutTrailingSlash() throws Exception {
        server.enqueue(json(200, Fixtures.read("openrouter/chat_completion.json")));
        server.enqueue(json(200, Fixtures.read("openrouter/chat_completion.json")));

        new OpenAiCompatibleClient(http, server.url("/api/v1"), KEY, JSON).complete(REQUEST);
        new OpenAiCompatibleClient(http, server.url("/api/v1/"), KEY, JSON).complete(REQUEST);

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/api/v1/chat/completions");
    }

    @Test
    void streamCutMidAnswerIsInterruptedWithThePartialText() {
        String full = Fixtures.read("openai/chat_completion_stream_include_usage.sse");
        String[] events = full.split("\n\n");
        // The first three events (role, "Rust", " is a memory-safe"), then a long comment line. The
        // server drops the connection at half the body, which falls inside the comment, so the
        // client sees exactly three whole events and then a cut-off line.
        String head = events[0] + "\n\n" + events[1] + "\n\n" + events[2] + "\n\n";
        String body = head + ": " + "x".repeat(head.length() * 2) + "\n\n";
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/event-stream")
                .body(body)
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Rust", " is a memory-safe");
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Interrupted.class, i -> {
            assertThat(i.partialText()).isEqualTo("Rust is a memory-safe");
            // OkHttp notices the body is shorter than its Content-Length
            assertThat(i.message()).contains("unexpected end of stream");
        });
    }

    @Test
    void streamEndingCleanlyBeforeFinishIsInterrupted() {
        // A complete HTTP body that simply stops: no finish_reason, no [DONE].
        server.enqueue(sse("""
                data: {"choices":[{"delta":{"content":"Rust"},"finish_reason":null}]}

                data: {"choices":[{"delta":{"content":" is"},"finish_reason":null}]}

                """));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(outcome).isEqualTo(new ChatOutcome.Interrupted(
                "Rust is", "stream ended before the answer was complete"));
    }

    @Test
    void streamEndingBeforeAnyTextIsANetworkError() {
        server.enqueue(sse("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n"));

        assertThat(client(KEY).stream(REQUEST, deltas::add)).isInstanceOf(ChatOutcome.NetworkError.class);
        assertThat(deltas).isEmpty();
    }

    @Test
    void streamWithoutUsageChunkGetsAnEstimate() {
        server.enqueue(sse("""
                data: {"model":"m","choices":[{"delta":{"content":"12345678"},"finish_reason":null}]}

                data: {"model":"m","choices":[{"delta":{},"finish_reason":"length"}]}

                data: [DONE]

                """));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        // prompt: 3 priming + (3 + "system" 1 + "Be brief." 3) + (3 + "user" 1 + "What is Rust?" 4) = 18;
        // answer "12345678" is 3 o200k tokens ("123" "456" "78")
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("12345678", Usage.estimated(18, 3), "m", FinishReason.LENGTH));
    }

    @Test
    void inStreamErrorBeforeTextMapsThroughTheErrorMapper() {
        server.enqueue(sse(": OPENROUTER PROCESSING\n\n"
                + "data: {\"error\":{\"code\":429,\"message\":\"Provider returned error\"}}\n\n"));

        assertThat(client(KEY).stream(REQUEST, deltas::add))
                .isEqualTo(new ChatOutcome.RateLimited(null, "Provider returned error"));
    }

    @Test
    void inStreamErrorAfterTextKeepsThePartialText() {
        server.enqueue(sse("""
                data: {"choices":[{"delta":{"content":"Rust is"},"finish_reason":null}]}

                data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}

                data: {"choices":[{"delta":{"content":" ignored"},"finish_reason":null}]}

                """));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactly("Rust is");
        assertThat(outcome).isEqualTo(new ChatOutcome.Interrupted(
                "Rust is", "The server had an error while processing your request."));
    }

    @Test
    void serverErrorStatus() {
        server.enqueue(json(500, Fixtures.read("openai/error_500_server_error.json")));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.ServerError.class,
                s -> assertThat(s.status()).isEqualTo(500));
        assertThat(outcome.retryable()).isTrue();
    }

    @Test
    void rateLimitStatusWithHeaders() {
        String base = "openai/error_429_rate_limit_exceeded";
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .headers(Fixtures.headers(base + ".headers.txt").newBuilder().removeAll("retry-after").build())
                .body(Fixtures.read(base + ".json"))
                .build());

        assertThat(client(KEY).complete(REQUEST)).isInstanceOfSatisfying(ChatOutcome.RateLimited.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofMillis(441)));
    }

    @Test
    void invalidKeyNeverLeaksTheKey() {
        // A proxy echoing the full key, on top of OpenAI's own masked key.
        String body = Fixtures.read("openai/error_401_invalid_api_key.json")
                .replace("You can find", "You sent " + KEY + ". You can find");
        server.enqueue(json(401, body));

        ChatOutcome outcome = client(KEY).complete(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.AuthFailed.class, a -> assertThat(a.message())
                .startsWith("Incorrect API key provided")
                .doesNotContain(KEY)
                .doesNotContain("SECRET")
                .doesNotContain("9xQz"));
        assertThat(outcome.toString()).doesNotContain(KEY);
        assertThat(client(KEY).toString()).doesNotContain(KEY);
    }

    @Test
    void connectionRefusedIsANetworkError() {
        HttpUrl closed = server.url("/v1");
        server.close();

        assertThat(new OpenAiCompatibleClient(http, closed, KEY, JSON).complete(REQUEST))
                .isInstanceOf(ChatOutcome.NetworkError.class);
    }

    @Test
    void jsonAnswerToAStreamRequestIsStillDelivered() {
        server.enqueue(json(200, Fixtures.read("mistral/chat_completion.json")));

        ChatOutcome outcome = client(KEY).stream(REQUEST, deltas::add);

        assertThat(outcome).isInstanceOf(ChatOutcome.Completed.class);
        assertThat(deltas).containsExactly("Rust is a compiled systems language that prevents memory errors "
                + "at compile time using ownership, borrowing and lifetimes.");
    }
}
