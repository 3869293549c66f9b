package dev.chorus.provider.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ResilienceSettings;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.Effort;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.ReasoningRequest;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.Usage;
import dev.chorus.provider.anthropic.AnthropicClient;
import dev.chorus.provider.openai.OpenAiCompatibleClient;
import dev.chorus.provider.resilience.GuardedOutcome;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.SpendGate;
import java.time.Clock;
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

/**
 * Reasoning models on both wire protocols, against their documented formats: what the request says
 * (effort, a token limit that covers the thinking, no temperature), reasoning tokens in the usage,
 * thinking kept out of the answer, and a model thinking past what its hold pays for being stopped.
 */
class ReasoningWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<ChatMessage> QUESTION = List.of(ChatMessage.user(
            "A bat and a ball cost $1.10 together. The bat costs $1.00 more than the ball. What does the ball cost?"));

    @StartStop
    public final MockWebServer server = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();
    private final List<String> text = new ArrayList<>();
    private final List<String> thinking = new ArrayList<>();
    private final StreamListener listener = new StreamListener() {
        @Override
        public void onText(String delta) {
            text.add(delta);
        }

        @Override
        public void onReasoning(String delta) {
            thinking.add(delta);
        }
    };

    @Test
    void anOpenAiReasoningModelGetsAnEffortAndACompletionLimitAndReportsItsReasoningTokens() throws Exception {
        server.enqueue(sse(Fixtures.read("openai/reasoning_stream.sse")));
        OpenAiCompatibleClient client = new OpenAiCompatibleClient(http, server.url("/v1"), "sk-test", JSON);
        ChatRequest request = new ChatRequest("gpt-5-mini", QUESTION, 4_096 + 8_192, null,
                new ReasoningRequest(ReasoningRequest.Style.EFFORT, Effort.HIGH, 8_192));

        ChatOutcome outcome = client.stream(request, listener);

        JsonNode body = body(server.takeRequest(1, TimeUnit.SECONDS));
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(12_288);
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("high");
        assertThat(body.has("max_tokens")).as("reasoning models refuse max_tokens").isFalse();
        assertThat(body.has("temperature")).isFalse();
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).isEqualTo("The ball costs 5 cents.");
            assertThat(c.usage()).isEqualTo(new Usage(31, 0, 1_216, 1_204, false));
        });
        assertThat(thinking).as("OpenAI's reasoning is hidden").isEmpty();
    }

    @Test
    void aModelThatAlwaysReasonsGetsACompletionLimitButNoEffort() throws Exception {
        server.enqueue(sse(Fixtures.read("openai/reasoning_stream.sse")));
        OpenAiCompatibleClient client = new OpenAiCompatibleClient(http, server.url("/v1"), "xai-test", JSON);
        client.stream(new ChatRequest("grok-4", QUESTION, 12_288, null,
                new ReasoningRequest(ReasoningRequest.Style.HIDDEN, Effort.MEDIUM, 8_192)), listener);
        JsonNode body = body(server.takeRequest(1, TimeUnit.SECONDS));
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(12_288);
        assertThat(body.has("reasoning_effort")).isFalse();
        assertThat(body.has("max_tokens")).isFalse();
    }

    @Test
    void anAnthropicModelThinksWithinItsBudgetAndTheThinkingNeverShowsAsAnswer() throws Exception {
        server.enqueue(sse(Fixtures.read("anthropic/messages_stream_thinking.sse")));
        AnthropicClient client = new AnthropicClient(http, server.url("/v1"), "sk-ant-test", JSON);
        ChatRequest request = new ChatRequest("claude-sonnet-4-5", QUESTION, 4_096 + 2_048, 0.3,
                new ReasoningRequest(ReasoningRequest.Style.THINKING, Effort.LOW, 2_048));

        ChatOutcome outcome = client.stream(request, listener);

        JsonNode body = body(server.takeRequest(1, TimeUnit.SECONDS));
        assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(2_048);
        assertThat(body.path("max_tokens").asInt()).isEqualTo(6_144);
        assertThat(body.has("temperature")).as("thinking takes no temperature").isFalse();
        assertThat(String.join("", text)).isEqualTo("The ball costs 5 cents.");
        assertThat(String.join("", thinking)).startsWith("Let the ball cost x.").contains("x = 0.05");
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).isEqualTo("The ball costs 5 cents.");
            assertThat(c.usage().outputTokens()).isEqualTo(97);
            assertThat(c.usage().reasoningTokens()).isBetween(20L, 97L);
        });
    }

    @Test
    void thinkingPastWhatTheHoldPaysForIsStopped() throws Exception {
        StringBuilder stream = new StringBuilder(Fixtures.read("anthropic/messages_stream_thinking.sse")
                .split("event: content_block_delta")[0]);
        String longThought = "Consider every case again, and then once more, to be quite sure of it. ".repeat(20);
        for (int i = 0; i < 40; i++) {
            stream.append("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                    + "{\"type\":\"thinking_delta\",\"thinking\":\"").append(longThought).append("\"}}\n\n");
        }
        stream.append("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        server.enqueue(sse(stream.toString()));
        ProviderGuard guard = new ProviderGuard("anthropic", new AnthropicClient(http, server.url("/v1"), "sk-ant-test",
                JSON), ResilienceSettings.DEFAULTS, Clock.systemUTC(), wait -> { }, new ProviderMetrics());
        HeldSpend spend = new HeldSpend(1_500);

        GuardedOutcome guarded = guard.call(new ChatRequest("claude-sonnet-4-5", QUESTION, 20_000, null,
                new ReasoningRequest(ReasoningRequest.Style.THINKING, Effort.HIGH, 16_000)), listener, spend,
                dev.chorus.provider.resilience.Deadline.NONE);

        assertThat(guarded.outcome()).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.finishReason()).isEqualTo(FinishReason.BUDGET);
            assertThat(c.text()).isEmpty();
            assertThat(c.usage().outputTokens()).as("what was thought is billed").isBetween(1_000L, 1_500L);
            assertThat(c.usage().reasoningTokens()).isEqualTo(c.usage().outputTokens());
        });
        assertThat(text).isEmpty();
    }

    /** A hold of {@code held} output tokens that cannot be extended: the budget has no more. */
    private static final class HeldSpend implements SpendGate.Spend {
        private final int held;

        HeldSpend(int held) {
            this.held = held;
        }

        @Override
        public void sent() {
        }

        @Override
        public int outputTokens() {
            return held;
        }

        @Override
        public boolean extendTo(int outputTokens) {
            return outputTokens <= held;
        }

        @Override
        public void settle(long costMicros, boolean estimated) {
        }
    }

    private static JsonNode body(RecordedRequest request) throws Exception {
        return JSON.readTree(request.getBody().utf8());
    }

    private static MockResponse sse(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }
}
