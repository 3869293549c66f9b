package dev.chorus.provider.gemini;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatClientContractTest;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.Usage;
import dev.chorus.provider.openai.OpenAiCompatibleClient;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * Gemini through Google's OpenAI-compatible endpoint ({@code .../v1beta/openai/chat/completions}),
 * served its own documented wire format: thoughts reported apart from the answer's tokens, usage on
 * the stream's last content chunk, and errors as a one-element list with a {@code status}.
 */
class GeminiContractTest extends ChatClientContractTest {
    private static final String STREAM = "gemini/chat_completion_stream.sse";

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
        return Fixtures.read("gemini/chat_completion.json");
    }

    @Override
    protected String expectedText() {
        return "Rust is a systems programming language that guarantees memory safety through ownership, without a "
                + "garbage collector.";
    }

    @Override
    protected Usage expectedUsage() {
        // total 447 = 9 + 22 + 416: the thoughts are billed output on top of the answer's 22
        return new Usage(9, 0, 438, 416, false);
    }

    @Override
    protected String streamBody() {
        return Fixtures.read(STREAM);
    }

    @Override
    protected List<String> expectedDeltas() {
        return List.of("Rust", " keeps memory safe", " without a garbage collector.");
    }

    @Override
    protected Usage expectedStreamUsage() {
        return new Usage(9, 0, 309, 298, false);
    }

    @Override
    protected String streamHeadBeforeCut() {
        String[] events = Fixtures.read(STREAM).split("\n\n");
        return events[0] + "\n\n" + events[1] + "\n\n";
    }

    @Override
    protected String expectedPartialText() {
        return "Rust keeps memory safe";
    }

    @Override
    protected MockResponse rateLimitResponse() {
        return json(429, Fixtures.read("gemini/error_429_resource_exhausted.json"));
    }

    @Override
    protected Duration expectedRetryAfter() {
        return Duration.ofSeconds(31);
    }

    @Override
    protected MockResponse overloadedResponse() {
        return json(500, Fixtures.read("gemini/error_500_internal.json"));
    }

    @Override
    protected Class<? extends ChatOutcome> expectedOverloadedOutcome() {
        return ChatOutcome.ServerError.class;
    }

    @Override
    protected MockResponse authErrorResponse(String echoedKey) {
        return json(400, Fixtures.read("gemini/error_400_api_key_invalid.json")
                .replace("Please pass a valid API key.", "You sent " + echoedKey + ". Please pass a valid API key."));
    }

    @Override
    protected MockResponse contextTooLongResponse() {
        return json(400, Fixtures.read("gemini/error_400_context_too_long.json"));
    }
}
