package dev.chorus.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ChatClient} must do, whatever its wire protocol: one set of tests, run once per
 * provider by a subclass that serves that provider's recorded fixtures from a local server.
 */
public abstract class ChatClientContractTest {

    // Not shaped like a known key (no sk-… prefix), so the outcome's own redaction cannot hide a
    // client that forgot to scrub its key from an error body.
    protected static final String KEY = "chorus-test-key-0123456789SECRET";
    protected static final ChatRequest REQUEST = new ChatRequest("test-model",
            List.of(ChatMessage.system("Be brief."), ChatMessage.user("What is Rust?")), 64, 0.2);

    @StartStop
    public final MockWebServer server = new MockWebServer();

    /** The HTTP client {@link #newClient} must build on; the timeout test replaces it before calling. */
    protected OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();

    private final List<String> deltas = new CopyOnWriteArrayList<>();

    /** A client of the provider under test, talking to {@code baseUrl} through {@link #http}. */
    protected abstract ChatClient newClient(HttpUrl baseUrl, String apiKey);

    /** The path the client posts to, relative to the base URL, e.g. {@code chat/completions}. */
    protected abstract String endpointPath();

    /** The headers that carry the key (and any the provider requires with it), with exact values. */
    protected abstract Headers keyHeaders(String apiKey);

    protected abstract String successBody();

    protected abstract String expectedText();

    protected abstract Usage expectedUsage();

    protected abstract String streamBody();

    protected abstract List<String> expectedDeltas();

    protected abstract Usage expectedStreamUsage();

    /** Whole events of a stream that has delivered {@link #expectedPartialText()} and is not finished. */
    protected abstract String streamHeadBeforeCut();

    protected abstract String expectedPartialText();

    /** A 429 with the provider's rate-limit headers. */
    protected abstract MockResponse rateLimitResponse();

    protected abstract Duration expectedRetryAfter();

    /** An overloaded or 5xx response. */
    protected abstract MockResponse overloadedResponse();

    protected abstract Class<? extends ChatOutcome> expectedOverloadedOutcome();

    /** A 401 whose body contains {@code echoedKey}, as a proxy echoing request headers might. */
    protected abstract MockResponse authErrorResponse(String echoedKey);

    protected abstract MockResponse contextTooLongResponse();

    private ChatClient client() {
        return newClient(server.url("/v1"), KEY);
    }

    @Test
    void completeReturnsTheTextAndTheExactUsage() {
        server.enqueue(json(200, successBody()));

        ChatOutcome outcome = client().complete(REQUEST);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).isEqualTo(expectedText());
            assertThat(c.usage()).isEqualTo(expectedUsage());
            assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
        });
    }

    @Test
    void streamDeliversDeltasInOrderThatMakeUpTheFinalText() {
        server.enqueue(sse(streamBody()));

        ChatOutcome outcome = client().stream(REQUEST, deltas::add);

        assertThat(deltas).containsExactlyElementsOf(expectedDeltas());
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).isEqualTo(String.join("", deltas));
            assertThat(c.usage()).isEqualTo(expectedStreamUsage());
            assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
        });
    }

    @Test
    void streamCutMidAnswerIsInterruptedWithThePartialText() {
        // The server drops the connection at half the body, which falls inside the long comment
        // line, so the client sees exactly the head's events and then a cut-off line.
        String head = streamHeadBeforeCut();
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/event-stream")
                .body(head + ": " + "x".repeat(head.length() * 2) + "\n\n")
                .onResponseBody(new SocketEffect.CloseSocket())
                .build());

        ChatOutcome outcome = client().stream(REQUEST, deltas::add);

        assertThat(String.join("", deltas)).isEqualTo(expectedPartialText());
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Interrupted.class,
                i -> assertThat(i.partialText()).isEqualTo(expectedPartialText()));
        assertThat(outcome.retryable()).isFalse();
    }

    @Test
    void rateLimitCarriesTheProvidersRetryAfter() {
        server.enqueue(rateLimitResponse());
        server.enqueue(rateLimitResponse());

        for (ChatOutcome outcome : List.of(client().complete(REQUEST), client().stream(REQUEST, deltas::add))) {
            assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.RateLimited.class,
                    r -> assertThat(r.retryAfter()).isEqualTo(expectedRetryAfter()));
            assertThat(outcome.retryable()).isTrue();
        }
    }

    @Test
    void overloadIsRetryable() {
        server.enqueue(overloadedResponse());

        ChatOutcome outcome = client().complete(REQUEST);

        assertThat(outcome).isInstanceOf(expectedOverloadedOutcome());
        assertThat(outcome.retryable()).isTrue();
    }

    @Test
    void authFailureNeverShowsTheKey() {
        server.enqueue(authErrorResponse(KEY));
        server.enqueue(authErrorResponse(KEY));
        ChatClient client = client();

        for (ChatOutcome outcome : List.of(client.complete(REQUEST), client.stream(REQUEST, deltas::add))) {
            assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.AuthFailed.class,
                    a -> assertThat(a.message()).isNotBlank().doesNotContain(KEY).doesNotContain("SECRET"));
            assertThat(outcome.toString()).doesNotContain(KEY);
            assertThat(outcome.retryable()).isFalse();
        }
        assertThat(client.toString()).doesNotContain(KEY);
    }

    @Test
    void contextTooLongIsRecognised() {
        server.enqueue(contextTooLongResponse());

        assertThat(client().complete(REQUEST)).isInstanceOf(ChatOutcome.ContextTooLong.class);
    }

    @Test
    void readTimeoutIsATimeout() {
        http = http.newBuilder().readTimeout(Duration.ofMillis(200)).build();
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body(successBody()).build());
        server.enqueue(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body(streamBody()).build());
        ChatClient client = client();

        for (ChatOutcome outcome : List.of(client.complete(REQUEST), client.stream(REQUEST, deltas::add))) {
            assertThat(outcome).isInstanceOf(ChatOutcome.Timeout.class);
            assertThat(outcome.retryable()).isTrue();
        }
    }

    @Test
    void cancelFromAnotherThreadEndsAStreamWaitingForItsBody() throws InterruptedException {
        // Neither the body nor a read timeout comes within this test: only the cancel can end the call.
        CountDownLatch headersIn = new CountDownLatch(1);
        http = http.newBuilder().readTimeout(Duration.ofMinutes(5)).eventListener(new EventListener() {
            @Override
            public void responseHeadersEnd(Call call, Response response) {
                headersIn.countDown();
            }
        }).build();
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/event-stream")
                .bodyDelay(5, TimeUnit.MINUTES)
                .body(streamBody())
                .build());
        CancelSignal cancel = new CancelSignal();
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                headersIn.await();
                cancel.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            // the bound only turns a cancel that does nothing into a failure instead of a hang
            ChatOutcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> client().stream(REQUEST, deltas::add, cancel));
            assertThat(outcome).isNotInstanceOf(ChatOutcome.Completed.class);
            assertThat(deltas).isEmpty();
            assertThat(headersIn.getCount()).as("the cancel came while the body was awaited").isZero();
        } finally {
            canceller.interrupt();
            canceller.join();
        }
    }

    @Test
    void alreadyCancelledSignalSendsNothing() {
        CancelSignal cancel = new CancelSignal();
        cancel.cancel();

        ChatOutcome outcome = client().stream(REQUEST, deltas::add, cancel);

        assertThat(outcome).isNotInstanceOf(ChatOutcome.Completed.class);
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void theKeyGoesInItsHeadersOnlyAndToTheRightPath() throws Exception {
        server.enqueue(json(200, successBody()));

        client().complete(REQUEST);

        RecordedRequest recorded = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(recorded.getMethod()).isEqualTo("POST");
        assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/" + endpointPath());
        Headers expected = keyHeaders(KEY);
        for (String name : expected.names()) {
            assertThat(recorded.getHeaders().get(name)).as(name).isEqualTo(expected.get(name));
        }
        for (String name : recorded.getHeaders().names()) {
            if (!expected.names().contains(name)) {
                assertThat(recorded.getHeaders().get(name)).as(name).doesNotContain(KEY);
            }
        }
        assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
        assertThat(recorded.getBody().utf8()).doesNotContain(KEY);
    }

    protected static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
    }

    protected static MockResponse sse(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
    }

    /** A response built from a {@code .headers.txt} fixture (status line and headers) and its {@code .json} body. */
    protected static MockResponse recorded(String base) {
        return new MockResponse.Builder()
                .code(Fixtures.status(base + ".headers.txt"))
                .headers(Fixtures.headers(base + ".headers.txt"))
                .body(Fixtures.read(base + ".json"))
                .build();
    }
}
