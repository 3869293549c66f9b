package dev.chorus.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.ProviderException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** What the contract test does not cover: the request's shape and Anthropic's stream errors over HTTP. */
class AnthropicClientTest {

    private static final String KEY = "sk-ant-api03-test0123456789SECRET";
    private static final ObjectMapper JSON = new ObjectMapper();

    @StartStop
    public final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    private final List<String> deltas = new ArrayList<>();

    private AnthropicClient client() {
        return new AnthropicClient(http, server.url("/v1"), KEY, JSON);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    private RecordedRequest sent(ChatRequest request) throws InterruptedException {
        server.enqueue(json(200, Fixtures.read("anthropic/messages_response.json")));
        assertThat(client().complete(request)).isInstanceOf(ChatOutcome.Completed.class);
        return server.takeRequest(1, TimeUnit.SECONDS);
    }

    @Test
    void systemGoesTopLevelAndTurnsAreMergedToAlternate() throws Exception {
        ChatRequest request = new ChatRequest("claude-3-5-haiku-latest", List.of(
                ChatMessage.system("Be brief."),
                ChatMessage.user("Hi."),
                ChatMessage.user("What is Rust?"),
                ChatMessage.assistant("A language."),
                ChatMessage.system("Answer in English."),
                ChatMessage.assistant("Want more?"),
                ChatMessage.user(" "),
                ChatMessage.user("Yes.")), 64, 0.2);

        RecordedRequest recorded = sent(request);

        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(KEY);
        assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
        assertThat(JSON.readTree(recorded.getBody().utf8())).isEqualTo(JSON.readTree("""
                {"model":"claude-3-5-haiku-latest","max_tokens":64,
                 "system":"Be brief.\\n\\nAnswer in English.",
                 "messages":[
                   {"role":"user","content":"Hi.\\n\\nWhat is Rust?"},
                   {"role":"assistant","content":"A language.\\n\\nWant more?"},
                   {"role":"user","content":"Yes."}],
                 "temperature":0.2,"stream":false}"""));
    }

    @Test
    void historyStartingWithAnAnswerGetsAUserTurnFirst() throws Exception {
        ChatRequest request = new ChatRequest("claude-3-5-haiku-latest", List.of(
                ChatMessage.assistant("Rust is a language."), ChatMessage.user("Tell me more.")), 64, null);

        JsonNode body = JSON.readTree(sent(request).getBody().utf8());

        assertThat(body.get("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":"(earlier conversation omitted)"},
                 {"role":"assistant","content":"Rust is a language."},
                 {"role":"user","content":"Tell me more."}]"""));
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("temperature")).isFalse();
    }

    @Test
    void temperatureAboveAnthropicsRangeIsClamped() throws Exception {
        ChatRequest request = new ChatRequest("claude-3-5-haiku-latest", List.of(ChatMessage.user("Hi")), 64, 1.7);

        assertThat(JSON.readTree(sent(request).getBody().utf8()).get("temperature").asDouble()).isEqualTo(1.0);
    }

    @Test
    void streamRequestAsksForEvents() throws Exception {
        server.enqueue(sse(Fixtures.read("anthropic/messages_stream.sse")));

        client().stream(new ChatRequest("claude-3-5-haiku-latest", List.of(ChatMessage.user("Hi")), 64, null), deltas::add);

        RecordedRequest recorded = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(recorded.getHeaders().get("Accept")).isEqualTo("text/event-stream");
        assertThat(JSON.readTree(recorded.getBody().utf8()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void errorEventMidStreamOverHttp() {
        server.enqueue(sse(Fixtures.read("anthropic/messages_stream_error_midstream.sse")));

        ChatOutcome outcome = client().stream(
                new ChatRequest("claude-3-5-haiku-latest", List.of(ChatMessage.user("Hi")), 64, null), deltas::add);

        assertThat(deltas).containsExactly("Rust's borrow checker");
        assertThat(outcome).isEqualTo(new ChatOutcome.Interrupted("Rust's borrow checker", "Overloaded"));
    }

    @Test
    void basePathIsKeptWithOrWithoutTrailingSlash() throws Exception {
        server.enqueue(json(200, Fixtures.read("anthropic/messages_response.json")));
        server.enqueue(json(200, Fixtures.read("anthropic/messages_response.json")));
        ChatRequest request = new ChatRequest("m", List.of(ChatMessage.user("Hi")), 64, null);

        new AnthropicClient(http, server.url("/proxy/v1"), KEY, JSON).complete(request);
        new AnthropicClient(http, server.url("/proxy/v1/"), KEY, JSON).complete(request);

        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/proxy/v1/messages");
        assertThat(server.takeRequest(1, TimeUnit.SECONDS).getUrl().encodedPath()).isEqualTo("/proxy/v1/messages");
    }

    @Test
    void keyUnfitForAHeaderIsRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> new AnthropicClient(http, server.url("/v1"), "sk-ant-bad\nkey", JSON))
                .isInstanceOf(ProviderException.class)
                .message().doesNotContain("sk-ant-bad");
    }
}
