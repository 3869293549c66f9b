package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatClientContractTest;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.Usage;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import okhttp3.HttpUrl;

class AnthropicContractTest extends ChatClientContractTest {

    static final String STREAM = "anthropic/messages_stream.sse";

    // There are no fixture files for these two; the shape is the documented error shape and the
    // messages are the ones the API is known to send.
    static final String AUTH_ERROR =
            "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}";
    static final String PROMPT_TOO_LONG = "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
            + "\"message\":\"prompt is too long: 208310 tokens > 200000 maximum\"}}";

    @Override
    protected ChatClient newClient(HttpUrl baseUrl, String apiKey) {
        return new AnthropicClient(http, baseUrl, apiKey, new ObjectMapper());
    }

    @Override
    protected String endpointPath() {
        return "messages";
    }

    @Override
    protected Headers keyHeaders(String apiKey) {
        return Headers.of("x-api-key", apiKey, "anthropic-version", "2023-06-01");
    }

    @Override
    protected String successBody() {
        return Fixtures.read("anthropic/messages_response.json");
    }

    @Override
    protected String expectedText() {
        return "Rust is a systems programming language that guarantees memory safety at compile time "
                + "through ownership and borrowing, without needing a garbage collector.";
    }

    @Override
    protected Usage expectedUsage() {
        // input 18 + cache read 2048 + cache creation 0
        return new Usage(2066, 2048, 33, 0, false);
    }

    @Override
    protected String streamBody() {
        return Fixtures.read(STREAM);
    }

    @Override
    protected List<String> expectedDeltas() {
        return List.of("Rust is", " a memory-safe systems", " programming language.");
    }

    @Override
    protected Usage expectedStreamUsage() {
        // input 21 + cache read 2048; output 12 from message_delta, not 1 + 12
        return new Usage(2069, 2048, 12, 0, false);
    }

    @Override
    protected String streamHeadBeforeCut() {
        // message_start, content_block_start, ping, "Rust is", " a memory-safe systems"
        String[] events = Fixtures.read(STREAM).split("\n\n");
        return String.join("\n\n", List.of(events).subList(0, 5)) + "\n\n";
    }

    @Override
    protected String expectedPartialText() {
        return "Rust is a memory-safe systems";
    }

    @Override
    protected MockResponse rateLimitResponse() {
        return recorded("anthropic/error_429_rate_limit");
    }

    @Override
    protected Duration expectedRetryAfter() {
        return Duration.ofSeconds(17);
    }

    @Override
    protected MockResponse overloadedResponse() {
        return json(529, Fixtures.read("anthropic/error_529_overloaded.json"));
    }

    @Override
    protected Class<? extends ChatOutcome> expectedOverloadedOutcome() {
        return ChatOutcome.Overloaded.class;
    }

    @Override
    protected MockResponse authErrorResponse(String echoedKey) {
        return json(401, AUTH_ERROR.replace("invalid x-api-key", "invalid x-api-key " + echoedKey));
    }

    @Override
    protected MockResponse contextTooLongResponse() {
        return json(400, PROMPT_TOO_LONG);
    }
}
