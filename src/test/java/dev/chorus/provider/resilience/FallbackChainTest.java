package dev.chorus.provider.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigLoader;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.fleet.ProviderFleet;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two OpenAI-compatible providers on MockWebServer ("alpha" with a small context window, "beta"
 * with a large one), wired through real config, the real catalog loader and the real guards. The
 * clock and the retry waits are injected: nothing here sleeps but the one first-token timeout.
 */
class FallbackChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK_STREAM = FakeOpenAi.fixture("/fixtures/openai/chat_completion_stream_include_usage.sse");

    MockWebServer alpha = new MockWebServer();
    MockWebServer beta = new MockWebServer();
    MockWebServer gamma = new MockWebServer();
    TestClock clock = new TestClock(java.time.Instant.parse("2026-11-22T12:00:00Z"));
    List<Duration> slept = new CopyOnWriteArrayList<>();
    List<String> authFailures = new CopyOnWriteArrayList<>();
    ProviderFleet fleet;
    FallbackChain chain;
    ModelSpec small;
    ModelSpec large;

    @BeforeEach
    void start() throws IOException {
        alpha.start();
        beta.start();
        gamma.start();
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", "1:unused-token-value");
        ChorusConfig config = ConfigLoader.load(writeConfig(), env);
        fleet = new ProviderFleet(config, ModelCatalog.load(config.catalog()), JSON, clock, slept::add);
        chain = fleet.chain((provider, message) -> authFailures.add(provider));
        small = fleet.catalog().find("alpha-small").orElseThrow();
        large = fleet.catalog().find("beta-large").orElseThrow();
    }

    @AfterEach
    void stop() throws IOException {
        alpha.close();
        beta.close();
        gamma.close();
    }

    @Test
    void serverErrorIsRetriedWithBackoffThenAnswers() throws Exception {
        alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        alpha.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).contains(small);
        assertThat(result.text()).isEqualTo("Rust is a memory-safe systems language.");
        assertThat(alpha.getRequestCount()).isEqualTo(2);
        assertThat(beta.getRequestCount()).isZero();
        // Exponential backoff from 500 ms with ±50 % jitter.
        assertThat(slept).singleElement().satisfies(d -> assertThat(d.toMillis()).isBetween(250L, 750L));
        assertThat(result.attempts()).singleElement().satisfies(a -> assertThat(a.costMicros()).isEqualTo(9));
    }

    @Test
    void rateLimitWaitsWhatRetryAfterSays() throws Exception {
        alpha.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "3")
                .body(FakeOpenAi.fixture("/fixtures/openai/error_429_rate_limit_exceeded.json")).build());
        alpha.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).contains(small);
        assertThat(slept).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void longRetryAfterFallsBackInsteadOfWaiting() throws Exception {
        alpha.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "120")
                .body(FakeOpenAi.fixture("/fixtures/openai/error_429_rate_limit_exceeded.json")).build());
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).contains(large);
        assertThat(slept).isEmpty();
        assertThat(result.failedModels()).containsExactly(small);
    }

    @Test
    void authFailureIsNotRetriedIsReportedAndTheNextModelAnswers() throws Exception {
        alpha.enqueue(error(401, "/fixtures/openai/error_401_invalid_api_key.json"));
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).contains(large);
        assertThat(alpha.getRequestCount()).isEqualTo(1);
        assertThat(authFailures).containsExactly("alpha");
    }

    @Test
    void aRefusedKeyIsNotTriedAgainOnTheSameProvidersOtherModels() throws Exception {
        ModelSpec twin = fleet.catalog().find("alpha-small-twin").orElseThrow();
        alpha.enqueue(error(401, "/fixtures/openai/error_401_invalid_api_key.json"));
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, twin, large));
        assertThat(result.answeredBy()).contains(large);
        assertThat(alpha.getRequestCount()).isEqualTo(1);
        assertThat(result.attempts().get(1).skipped()).isEqualTo("alpha refused our API key");
    }

    @Test
    void theQuestionsDeadlineCutsAHangingModelShortAndNoStandInStartsAfterIt() throws Exception {
        alpha.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .headersDelay(3, TimeUnit.SECONDS).body(OK_STREAM).build());
        beta.enqueue(stream(OK_STREAM));
        // the first-token timeout (1 s) is longer than what is left of the deadline (300 ms)
        ChainResult result = chain.run(List.of(small, large), conversation("hi"), 100, null, SpendGate.UNLIMITED,
                d -> { }, Deadline.in(Duration.ofMillis(300)));
        assertThat(result.answeredBy()).isEmpty();
        assertThat(result.attempts().getFirst().outcome()).isInstanceOfSatisfying(ChatOutcome.Timeout.class,
                t -> assertThat(t.message()).as("cut by the deadline, not its own timeout")
                        .isEqualTo("the answer's deadline passed"));
        assertThat(result.last()).isInstanceOf(ChatOutcome.Timeout.class);
        assertThat(result.attempts().get(1).skipped()).isEqualTo("the answer's deadline passed");
        assertThat(beta.getRequestCount()).isZero();
    }

    @Test
    void slowFirstTokenTimesOutAndTheNextModelAnswers() throws Exception {
        alpha.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .headersDelay(5, TimeUnit.SECONDS).body(OK_STREAM).build());
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).contains(large);
        assertThat(result.attempts().getFirst().outcome()).isInstanceOf(ChatOutcome.Timeout.class);
        // Not retried: a provider that is slow to start now is likely slow again; the next model is faster.
        assertThat(alpha.getRequestCount()).isEqualTo(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void streamCutMidAnswerIsContinuedByTheNextModelWithANote() throws Exception {
        ModelSpec twin = fleet.catalog().find("alpha-small-twin").orElseThrow();
        alpha.enqueue(cutAfter("The first half of the answer"));
        alpha.enqueue(stream(FakeOpenAi.streamOf(" and the second half.", 40, 6)));
        List<String> seen = new ArrayList<>();
        ChainResult result = chain.run(List.of(small, twin), conversation("Explain"), 100, null,
                SpendGate.UNLIMITED, seen::add);
        assertThat(result.answeredBy()).contains(twin);
        assertThat(result.text()).startsWith("The first half of the answer")
                .contains("[alpha-small stopped here; alpha-small-twin continues]")
                .endsWith(" and the second half.");
        assertThat(String.join("", seen)).isEqualTo(result.text());
        alpha.takeRequest();
        RecordedRequest continuation = alpha.takeRequest();
        JsonNode messages = JSON.readTree(continuation.getBody().utf8()).path("messages");
        assertThat(messages.get(messages.size() - 2).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(messages.size() - 2).path("content").asText()).isEqualTo("The first half of the answer");
        assertThat(messages.get(messages.size() - 1).path("content").asText()).isEqualTo(FallbackChain.CONTINUE);
        // The broken stream is billed from what was shown (estimated), the continuation from usage.
        assertThat(result.attempts().getFirst().usage().estimated()).isTrue();
        assertThat(result.costEstimated()).isTrue();
    }

    @Test
    void afterABilledFailureNoStandInMayTakeTheQuestionPastTwiceTheFirstModelsWorstCase() throws Exception {
        alpha.enqueue(cutAfter("The first half of the answer"));
        ChainResult result = chain.run(List.of(small, large), conversation("Explain"), 100, null,
                SpendGate.UNLIMITED, d -> { });
        // beta-large costs 20 times alpha-small: after alpha-small's cut stream was billed it is not asked
        assertThat(result.answeredBy()).isEmpty();
        assertThat(beta.getRequestCount()).isZero();
        assertThat(result.attempts().get(1).skipped()).contains("more than this question may spend on stand-ins");
        long worstOfFirst = small.price().maxCostMicros(result.attempts().getFirst().usage().inputTokens(), 100);
        assertThat(result.costMicros()).isPositive().isLessThanOrEqualTo(FallbackChain.STAND_IN_SPEND_FACTOR * worstOfFirst);
    }

    @Test
    void aFailureThatCostNothingStillLetsADearerModelAnswer() throws Exception {
        alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = chain.run(List.of(small, large), conversation("hi"), 100, null, SpendGate.UNLIMITED, d -> { });
        assertThat(result.answeredBy()).contains(large);
    }

    @Test
    void atMostThreeFailedCallsPerQuestion() throws Exception {
        ModelSpec twin = fleet.catalog().find("alpha-small-twin").orElseThrow();
        ModelSpec claude = fleet.catalog().find("gamma-claude").orElseThrow();
        for (int i = 0; i < 3; i++) {
            alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
            beta.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
            gamma.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        }
        int alphaCalls = alpha.getRequestCount();
        ChainResult result = chain.run(List.of(small, large, claude, twin), conversation("hi"), 100, null,
                SpendGate.UNLIMITED, d -> { });
        assertThat(result.answeredBy()).isEmpty();
        assertThat(result.attempts().stream().filter(Attempt::called)).hasSize(FallbackChain.MAX_FAILED_CALLS);
        assertThat(result.attempts().getLast().skipped()).isEqualTo("too many models failed already");
        // the fourth model, on a healthy provider, was never asked
        assertThat(alpha.getRequestCount() - alphaCalls).isEqualTo(3);
    }

    private static MockResponse cutAfter(String text) {
        String firstChunk = FakeOpenAi.streamOf(text, 10, 5).split("\n\n")[0] + "\n\n";
        // CloseSocket cuts the body halfway: a long SSE comment after the text makes the cut land after it.
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .body(firstChunk + ": " + "p".repeat(firstChunk.length() * 3) + "\n\n")
                .onResponseBody(new SocketEffect.CloseSocket()).build();
    }

    @Test
    void conversationTooLongForTheSmallModelGoesToTheLargeOneWithoutCallingTheSmall() throws Exception {
        beta.enqueue(stream(OK_STREAM));
        String longQuestion = "word ".repeat(3000);
        ChainResult result = chain.run(List.of(small, large), conversation(longQuestion), 100, null,
                SpendGate.UNLIMITED, d -> { });
        assertThat(result.answeredBy()).contains(large);
        assertThat(alpha.getRequestCount()).isZero();
        assertThat(result.attempts().getFirst().skipped()).contains("context window");
    }

    @Test
    void oldTurnsAreTrimmedToFitRatherThanSkippingTheModel() throws Exception {
        alpha.enqueue(stream(OK_STREAM));
        List<ChatMessage> history = new ArrayList<>();
        history.add(ChatMessage.system("Be brief."));
        for (int i = 0; i < 40; i++) {
            history.add(ChatMessage.user("old question " + i + " " + "filler ".repeat(40)));
            history.add(ChatMessage.assistant("old answer " + i + " " + "filler ".repeat(40)));
        }
        history.add(ChatMessage.user("the latest question"));
        ChainResult result = chain.run(List.of(small), history, 100, null, SpendGate.UNLIMITED, d -> { });
        assertThat(result.answeredBy()).contains(small);
        JsonNode sent = JSON.readTree(alpha.takeRequest().getBody().utf8()).path("messages");
        assertThat(sent.get(0).path("content").asText()).isEqualTo("Be brief.");
        assertThat(sent.get(sent.size() - 1).path("content").asText()).isEqualTo("the latest question");
        assertThat(sent.size()).isLessThan(history.size());
        assertThat(sent.toString()).doesNotContain("old question 0 ");
    }

    @Test
    void providerSaysContextTooLongThenOnlyLargerWindowsAreTried() throws Exception {
        alpha.enqueue(error(400, "/fixtures/openai/error_400_context_length_exceeded.json"));
        beta.enqueue(stream(OK_STREAM));
        ChainResult result = run(List.of(small, fleet.catalog().find("alpha-small-twin").orElseThrow(), large));
        assertThat(result.answeredBy()).contains(large);
        assertThat(alpha.getRequestCount()).isEqualTo(1);
        assertThat(result.attempts().get(1).skipped()).contains("context window");
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndHalfOpensAfterItsWait() throws Exception {
        // 401 is not retried, so each run is exactly one failed call to alpha.
        for (int i = 0; i < 4; i++) {
            alpha.enqueue(error(401, "/fixtures/openai/error_401_invalid_api_key.json"));
        }
        for (int i = 0; i < 4; i++) {
            run(List.of(small));
        }
        assertThat(fleet.guard(small).state().name()).isEqualTo("OPEN");
        int before = alpha.getRequestCount();
        ChainResult skipped = run(List.of(small));
        assertThat(alpha.getRequestCount()).isEqualTo(before);
        assertThat(skipped.last()).isInstanceOfSatisfying(ChatOutcome.Overloaded.class,
                o -> assertThat(o.reason()).isEqualTo(ChatOutcome.Overloaded.Reason.CIRCUIT_OPEN));

        clock.advance(Duration.ofSeconds(31));
        alpha.enqueue(stream(OK_STREAM));
        ChainResult trial = run(List.of(small));
        assertThat(trial.answeredBy()).contains(small);
        assertThat(fleet.guard(small).state().name()).isEqualTo("HALF_OPEN");
    }

    @Test
    void fallbackCrossesWireProtocols() throws Exception {
        for (int i = 0; i < 3; i++) {
            alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        }
        gamma.enqueue(stream(FakeOpenAi.fixture("/fixtures/anthropic/messages_stream.sse")));
        ModelSpec claude = fleet.catalog().find("gamma-claude").orElseThrow();
        ChainResult result = run(List.of(small, claude));
        assertThat(result.answeredBy()).contains(claude);
        assertThat(result.text()).isEqualTo("Rust is a memory-safe systems programming language.");
        RecordedRequest sent = gamma.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(sent.getHeaders().get("x-api-key")).isEqualTo("gamma-key-value");
        // 21 uncached + 2048 cached input, 12 output: 21 × 0.80 + 2048 × 0.08 + 12 × 4 = 16.8 + 163.84 + 48 µ$.
        assertThat(result.attempts().getLast().costMicros()).isEqualTo(229);
    }

    @Test
    void everyProviderDownGivesNoAnswerAndChargesNothing() throws Exception {
        for (int i = 0; i < 3; i++) {
            alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
            beta.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        }
        ChainResult result = run(List.of(small, large));
        assertThat(result.answeredBy()).isEmpty();
        assertThat(result.costMicros()).isZero();
        assertThat(result.text()).isEmpty();
        assertThat(result.last()).isInstanceOf(ChatOutcome.ServerError.class);
        assertThat(alpha.getRequestCount()).isEqualTo(3);
        assertThat(beta.getRequestCount()).isEqualTo(3);
    }

    @Test
    void spendGateDenialSkipsTheModelAndEveryCallIsSettled() throws Exception {
        alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        alpha.enqueue(error(500, "/fixtures/openai/error_500_server_error.json"));
        beta.enqueue(stream(OK_STREAM));
        ModelSpec twin = fleet.catalog().find("alpha-small-twin").orElseThrow();
        List<String> events = new CopyOnWriteArrayList<>();
        SpendGate gate = (model, prompt, max) -> {
            if (model == twin) {
                return new SpendGate.Admission.Denied("over budget");
            }
            return new SpendGate.Admission.Granted(new SpendGate.Spend() {
                @Override
                public void sent() {
                    events.add(model.id() + " sent");
                }

                @Override
                public void settle(long costMicros, boolean estimated) {
                    events.add(model.id() + " settled " + costMicros);
                }
            });
        };
        ChainResult result = chain.run(List.of(small, twin, large), conversation("hi"), 100, null, gate, d -> { });
        assertThat(result.answeredBy()).contains(large);
        assertThat(result.attempts().get(1).skipped()).isEqualTo("over budget");
        assertThat(result.attempts().get(1).deniedBySpendGate()).isTrue();
        // 23 prompt tokens × $3/M + 8 output × $15/M = 69 + 120 micro-dollars.
        assertThat(events).containsExactly("alpha-small sent", "alpha-small settled 0", "beta-large sent",
                "beta-large settled 189");
    }

    private ChainResult run(List<ModelSpec> candidates) {
        return chain.run(candidates, conversation("What is Rust?"), 100, null, SpendGate.UNLIMITED, d -> { });
    }

    private static List<ChatMessage> conversation(String question) {
        return List.of(ChatMessage.system("Be brief."), ChatMessage.user(question));
    }

    private static MockResponse stream(String body) {
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream").body(body).build();
    }

    private static MockResponse error(int status, String fixture) {
        return new MockResponse.Builder().code(status).addHeader("content-type", "application/json")
                .body(FakeOpenAi.fixture(fixture)).build();
    }

    private java.nio.file.Path writeConfig() throws IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("chorus", ".properties");
        java.nio.file.Files.writeString(file, String.join("\n",
                "providers.alpha.base-url=" + alpha.url("/v1"),
                "providers.beta.base-url=" + beta.url("/v1"),
                "providers.gamma.base-url=" + gamma.url("/v1"),
                "providers.gamma.api-key=gamma-key-value",
                "models.gamma-claude.provider=gamma",
                "models.gamma-claude.protocol=anthropic",
                "models.gamma-claude.api-model=claude-3-5-haiku-latest",
                "models.gamma-claude.context-window=200000",
                "models.gamma-claude.price.input=0.80",
                "models.gamma-claude.price.cached-input=0.08",
                "models.gamma-claude.price.output=4",
                "provider.first-token-timeout-seconds=1",
                "provider.max-retries=2",
                "models.alpha-small.provider=alpha",
                "models.alpha-small.context-window=2000",
                "models.alpha-small.max-output=500",
                "models.alpha-small.price.input=0.15",
                "models.alpha-small.price.output=0.60",
                "models.alpha-small-twin.provider=alpha",
                "models.alpha-small-twin.context-window=2000",
                "models.beta-large.provider=beta",
                "models.beta-large.context-window=100000",
                "models.beta-large.max-output=2000",
                "models.beta-large.price.input=3",
                "models.beta-large.price.output=15"));
        file.toFile().deleteOnExit();
        return file;
    }
}
