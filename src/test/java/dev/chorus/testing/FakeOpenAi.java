package dev.chorus.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * An OpenAI-compatible provider on MockWebServer that answers in the real wire format. What it
 * answers depends on the question, so concurrent tests do not race over a response queue:
 * a question containing a trigger word gets that scenario, any other the recorded stream fixture.
 */
public final class FakeOpenAi implements AutoCloseable {
    /** Every provider answers 500. */
    public static final String FAIL_500 = "TRIGGER_500";
    /** The primary provider answers 500; a backup answers normally. */
    public static final String FAIL_PRIMARY = "TRIGGER_PRIMARY_500";
    /** The primary provider refuses the API key (401); a backup answers normally. */
    public static final String AUTH_PRIMARY = "TRIGGER_PRIMARY_401";
    public static final String LONG_ANSWER = "TRIGGER_LONG";
    /** The answer streams slowly (about three seconds), so a chat can show it growing. */
    public static final String SLOW_ANSWER = "TRIGGER_SLOW";
    /** A master (master-worker) answers its planning call out of form. */
    public static final String BAD_PLAN = "TRIGGER_BAD_PLAN";
    /** A checker (verify) finds a problem in the answer to a question with this word. */
    public static final String PROBLEM = "TRIGGER_PROBLEM";
    /** The answer never starts: headers come after five minutes (a hanging provider). */
    public static final String HANG = "TRIGGER_HANG";
    /** The server ignores max_tokens: about 3,000 tokens stream in, and usage says so. */
    public static final String RUNAWAY = "TRIGGER_RUNAWAY";
    /** The primary provider answers 404 model_not_found: the model was retired. */
    public static final String MODEL_GONE = "TRIGGER_MODEL_GONE";
    /** A short answer whose usage claims 50,000 output tokens (hidden reasoning, a buggy server). */
    public static final String OVER_REPORT = "TRIGGER_OVER_REPORT";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockWebServer server = new MockWebServer();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final boolean primary;
    private final String answerStream;

    /** @param primary whether {@link #FAIL_PRIMARY} makes this one fail */
    public FakeOpenAi(boolean primary) throws IOException {
        this(primary, null);
    }

    /**
     * Google's OpenAI-compatible endpoint: every answer is its documented stream (thoughts counted
     * apart from the answer's tokens).
     */
    public static FakeOpenAi gemini() throws IOException {
        return new FakeOpenAi(false, "/fixtures/gemini/chat_completion_stream.sse");
    }

    private FakeOpenAi(boolean primary, String answerStream) throws IOException {
        this.primary = primary;
        this.answerStream = answerStream;
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        server.start();
    }

    /** The base URL to configure, with the {@code /v1} prefix the real API has. */
    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    private MockResponse answer(RecordedRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).body("{\"error\":{\"message\":\"bad json\"}}").build();
        }
        requests.add(body);
        authorizations.add(String.valueOf(request.getHeaders().get("Authorization")));
        String question = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
        if (question.contains(FAIL_500) || primary && question.contains(FAIL_PRIMARY)) {
            return new MockResponse.Builder().code(500).addHeader("content-type", "application/json")
                    .body(fixture("/fixtures/openai/error_500_server_error.json")).build();
        }
        if (primary && question.contains(MODEL_GONE)) {
            return new MockResponse.Builder().code(404).addHeader("content-type", "application/json")
                    .body("{\"error\":{\"message\":\"The model `" + body.path("model").asText() + "` does not exist or "
                            + "you do not have access to it.\",\"type\":\"invalid_request_error\",\"param\":null,"
                            + "\"code\":\"model_not_found\"}}").build();
        }
        if (primary && question.contains(AUTH_PRIMARY)) {
            return new MockResponse.Builder().code(401).addHeader("content-type", "application/json")
                    .body(fixture("/fixtures/openai/error_401_invalid_api_key.json")).build();
        }
        if (answerStream != null) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(fixture(answerStream)).build();
        }
        String system = body.path("messages").get(0).path("content").asText();
        if (system.equals(PROBE.system())) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf(probeAnswer(question), 40, 4)).build();
        }
        if (system.startsWith("Split the user's task into at most 4 independent subtasks")) {
            String plan = question.contains(BAD_PLAN) ? "Sure! Here is my plan: first this, then that."
                    : "{\"subtasks\": [{\"id\": 1, \"description\": \"Say what Rust is\", \"expected\": \"one sentence\"},"
                    + " {\"id\": 2, \"description\": \"Say why it is safe\", \"expected\": \"one sentence\"}]}";
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf(plan, 60, 40)).build();
        }
        if (system.startsWith("Write short, numbered, step-by-step instructions")) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf("1. Say what Rust is for. 2. Explain ownership. 3. Keep it short.", 60, 20)).build();
        }
        if (system.startsWith("You are checking another assistant's answer")) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf(question.contains(PROBLEM) ? "VERDICT: PROBLEM\n- it leaves out the borrow checker"
                            : "VERDICT: OK", 60, 6)).build();
        }
        if (question.startsWith("A reviewer found these problems in your answer.")) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf("Rust is a memory-safe systems language with a borrow checker.", 80, 12)).build();
        }
        if (question.contains(HANG)) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .headersDelay(5, java.util.concurrent.TimeUnit.MINUTES).body("data: [DONE]\n\n").build();
        }
        if (question.contains(RUNAWAY)) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf("word ".repeat(3000), 40, 3000)).build();
        }
        if (question.contains(OVER_REPORT)) {
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(streamOf("A short answer.", 40, 50_000)).build();
        }
        if (question.contains(SLOW_ANSWER)) {
            String slow = streamOf("Streaming, word by word, the answer grows in the chat while the model writes it. "
                    + "A second sentence keeps it going for a while longer, so that more than one update is due. "
                    + "A third one adds a little more text for the preview to show. "
                    + "And a fourth, because long answers are the ones people watch grow. It ends here.", 30, 80);
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .throttleBody(256, 400, java.util.concurrent.TimeUnit.MILLISECONDS).body(slow).build();
        }
        if (body.has("max_completion_tokens")) {
            // a reasoning model, asked the way reasoning models are: its documented stream, reasoning tokens and all
            return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                    .body(fixture("/fixtures/openai/reasoning_stream.sse")).build();
        }
        String stream = question.contains(LONG_ANSWER)
                ? streamOf(LongAnswer.text(), 2100, 420)
                : fixture("/fixtures/openai/chat_completion_stream_include_usage.sse");
        return new MockResponse.Builder().code(200).addHeader("content-type", "text/event-stream")
                .body(stream).build();
    }

    private static final dev.chorus.orchestration.probe.ProbeSuite PROBE = dev.chorus.json.ProbeSuiteJson.shipped();

    /**
     * The fake's showing in a capability probe: it knows its arithmetic, facts and languages, reads
     * code and extracts badly, and reasons half the time.
     */
    private static String probeAnswer(String prompt) {
        dev.chorus.orchestration.probe.ProbeTask task = PROBE.tasks().stream().filter(t -> t.prompt().equals(prompt))
                .findFirst().orElseThrow(() -> new AssertionError("not a probe task: " + prompt));
        boolean right = switch (task.domain()) {
            case MATH, FACTUAL, TRANSLATION -> true;
            case REASONING -> task.id().compareTo("reason-05") < 0;
            default -> false;
        };
        if (!right) {
            return "I am not sure.";
        }
        return switch (task.check()) {
            case dev.chorus.orchestration.probe.ProbeTask.Number n -> n.expected().toPlainString();
            case dev.chorus.orchestration.probe.ProbeTask.Exact e -> e.anyOf().getFirst();
            case dev.chorus.orchestration.probe.ProbeTask.Terms t -> String.join(" ",
                    t.all().stream().map(java.util.List::getFirst).toList());
        };
    }

    /** An SSE body in OpenAI's chunk format that streams {@code text}, then usage, then [DONE]. */
    public static String streamOf(String text, int promptTokens, int completionTokens) {
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < text.length(); i += 50) {
            ObjectNode chunk = chunk();
            chunk.withArray("choices").addObject().put("index", 0).putNull("finish_reason")
                    .putObject("delta").put("content", text.substring(i, Math.min(text.length(), i + 50)));
            sse.append("data: ").append(chunk).append("\n\n");
        }
        ObjectNode stop = chunk();
        stop.withArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        sse.append("data: ").append(stop).append("\n\n");
        ObjectNode usage = chunk();
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        sse.append("data: ").append(usage).append("\n\n").append("data: [DONE]\n\n");
        return sse.toString();
    }

    private static ObjectNode chunk() {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-test").put("object", "chat.completion.chunk").put("created", 1749723391)
                .put("model", "gpt-4o-mini-2024-07-18");
        return chunk;
    }

    public static String fixture(String path) {
        try (InputStream in = FakeOpenAi.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
