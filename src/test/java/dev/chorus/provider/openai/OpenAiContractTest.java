package dev.chorus.provider.openai;

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

class OpenAiContractTest extends ChatClientContractTest {

    private static final String STREAM = "openai/chat_completion_stream_include_usage.sse";

    @Override
    protected ChatClient newClient(HttpUrl baseUrl, String apiKey) {
        return new OpenAiCompatibleClient(http, baseUrl, apiKey, new ObjectMapper());
    }

    @Override
    protected String endpointPath() {
        return "chat/completions";
    }

    @Override
    protected Headers keyHeaders(String apiKey) {
        return Headers.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    protected String successBody() {
        return Fixtures.read("openai/chat_completion.json");
    }

    @Override
    protected String expectedText() {
        return "Rust is a systems programming language focused on memory safety without a garbage collector. "
                + "Its ownership and borrowing rules are checked at compile time.";
    }

    @Override
    protected Usage expectedUsage() {
        return new Usage(1864, 1792, 31, 0, false);
    }

    @Override
    protected String streamBody() {
        return Fixtures.read(STREAM);
    }

    @Override
    protected List<String> expectedDeltas() {
        return List.of("Rust", " is a memory-safe", " systems language.");
    }

    @Override
    protected Usage expectedStreamUsage() {
        return new Usage(23, 0, 8, 0, false);
    }

    @Override
    protected String streamHeadBeforeCut() {
        // role chunk, "Rust", " is a memory-safe"
        String[] events = Fixtures.read(STREAM).split("\n\n");
        return events[0] + "\n\n" + events[1] + "\n\n" + events[2] + "\n\n";
    }

    @Override
    protected String expectedPartialText() {
        return "Rust is a memory-safe";
    }

    @Override
    protected MockResponse rateLimitResponse() {
        return recorded("openai/error_429_rate_limit_exceeded");
    }

    @Override
    protected Duration expectedRetryAfter() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected MockResponse overloadedResponse() {
        return json(500, Fixtures.read("openai/error_500_server_error.json"));
    }

    @Override
    protected Class<? extends ChatOutcome> expectedOverloadedOutcome() {
        return ChatOutcome.ServerError.class;
    }

    @Override
    protected MockResponse authErrorResponse(String echoedKey) {
        return json(401, Fixtures.read("openai/error_401_invalid_api_key.json")
                .replace("You can find", "You sent " + echoedKey + ". You can find"));
    }

    @Override
    protected MockResponse contextTooLongResponse() {
        return json(400, Fixtures.read("openai/error_400_context_length_exceeded.json"));
    }
}
