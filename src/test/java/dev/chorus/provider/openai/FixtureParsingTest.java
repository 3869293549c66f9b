package dev.chorus.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Fixtures;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.Usage;
import dev.chorus.provider.sse.ServerSentEventReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Every successful-response fixture of the OpenAI-compatible providers through the parsers. */
class FixtureParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest REQUEST =
            new ChatRequest("gpt-4o-mini", List.of(ChatMessage.user("What is Rust?")), 256, null);
    // $/M tokens: gpt-4o-mini 0.15 in / 0.075 cached / 0.60 out
    private static final ModelPrice GPT_4O_MINI = new ModelPrice(
            new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60"), LocalDate.of(2025, 6, 12));

    private static ChatOutcome parse(String fixture) {
        return CompletionParser.toOutcome(CompletionParser.parse(JSON, Fixtures.read(fixture)), 200, REQUEST);
    }

    private static ChatOutcome.Completed completed(String fixture) {
        ChatOutcome outcome = parse(fixture);
        assertThat(outcome).isInstanceOf(ChatOutcome.Completed.class);
        return (ChatOutcome.Completed) outcome;
    }

    private final List<String> deltas = new ArrayList<>();

    private ChatOutcome stream(String fixture) throws IOException {
        StreamAccumulator state = new StreamAccumulator(JSON, deltas::add, Headers.of(), null);
        ServerSentEventReader reader = new ServerSentEventReader(new StringReader(Fixtures.read(fixture)), state::accept);
        while (!state.over() && reader.processNextEvent()) {
            // feed every event
        }
        return state.finish(REQUEST, null);
    }

    @Test
    void openAiCompletionWithCacheHit() {
        ChatOutcome.Completed c = completed("openai/chat_completion.json");
        assertThat(c.text()).startsWith("Rust is a systems programming language").endsWith("checked at compile time.");
        assertThat(c.model()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(c.usage()).isEqualTo(new Usage(1864, 1792, 31, 0, false));
        // uncached 1864-1792 = 72 x 0.15 = 10.8 µ$; cached 1792 x 0.075 = 134.4 µ$; output 31 x 0.60 = 18.6 µ$
        // total 163.8 µ$, rounded up to 164 µ$
        assertThat(GPT_4O_MINI.costMicros(c.usage())).isEqualTo(164);
    }

    @Test
    void openAiCompletionCutAtMaxTokens() {
        ChatOutcome.Completed c = completed("openai/chat_completion_finish_length.json");
        assertThat(c.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(c.text()).endsWith("when the owner goes out of");
        assertThat(c.usage()).isEqualTo(new Usage(41, 0, 32, 0, false));
        // 41 x 0.15 = 6.15 + 32 x 0.60 = 19.2 -> 25.35 -> 26
        assertThat(GPT_4O_MINI.costMicros(c.usage())).isEqualTo(26);
    }

    @Test
    void openAiRefusal() {
        assertThat(parse("openai/chat_completion_refusal.json")).isEqualTo(new ChatOutcome.Refused(
                "I'm sorry, but I can't help with that request.", new Usage(57, 0, 12, 0, false)));
    }

    @Test
    void openAiStreamWithUsageChunk() throws IOException {
        ChatOutcome outcome = stream("openai/chat_completion_stream_include_usage.sse");
        assertThat(deltas).containsExactly("Rust", " is a memory-safe", " systems language.");
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Rust is a memory-safe systems language.",
                new Usage(23, 0, 8, 0, false), "gpt-4o-mini-2024-07-18", FinishReason.STOP));
        // 23 x 0.15 = 3.45 + 8 x 0.60 = 4.8 -> 8.25 -> 9
        assertThat(GPT_4O_MINI.costMicros(((ChatOutcome.Completed) outcome).usage())).isEqualTo(9);
    }

    @Test
    void openRouterCompletion() {
        ChatOutcome.Completed c = completed("openrouter/chat_completion.json");
        assertThat(c.model()).isEqualTo("openai/gpt-4o-mini");
        assertThat(c.text()).isEqualTo(
                "Rust is a systems programming language that offers memory safety without garbage collection.");
        assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(c.usage()).isEqualTo(new Usage(24, 0, 30, 0, false));
        // 24 x 0.15 = 3.6 + 30 x 0.60 = 18 -> 21.6 -> 22; OpenRouter's own usage.cost says $0.0000216 = 21.6 µ$
        assertThat(GPT_4O_MINI.costMicros(c.usage())).isEqualTo(22);
    }

    @Test
    void openRouterStreamSkipsProcessingCommentAndReadsUsageFromEmptyDeltaChunk() throws IOException {
        ChatOutcome outcome = stream("openrouter/chat_completion_stream.sse");
        assertThat(deltas).containsExactly("Rust", " is memory-safe.");
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Rust is memory-safe.",
                new Usage(24, 0, 6, 0, false), "openai/gpt-4o-mini", FinishReason.STOP));
        // 24 x 0.15 = 3.6 + 6 x 0.60 = 3.6 -> 7.2 -> 8; OpenRouter reports 7.2 µ$
        assertThat(GPT_4O_MINI.costMicros(((ChatOutcome.Completed) outcome).usage())).isEqualTo(8);
    }

    @Test
    void mistralCompletionWithoutUsageDetails() {
        ChatOutcome.Completed c = completed("mistral/chat_completion.json");
        assertThat(c.model()).isEqualTo("mistral-small-latest");
        assertThat(c.text()).startsWith("Rust is a compiled systems language");
        assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(c.usage()).isEqualTo(new Usage(14, 0, 26, 0, false));
        // mistral-small at $0.10/M in, $0.30/M out: 1.4 + 7.8 = 9.2 -> 10
        ModelPrice mistralSmall = new ModelPrice(new BigDecimal("0.10"), null, new BigDecimal("0.30"), LocalDate.EPOCH);
        assertThat(mistralSmall.costMicros(c.usage())).isEqualTo(10);
    }

    @Test
    void xaiReasoningTokensAreAddedToOutput() {
        ChatOutcome.Completed c = completed("xai/chat_completion_reasoning.json");
        assertThat(c.model()).isEqualTo("grok-3-mini");
        assertThat(c.text()).startsWith("Rust is a systems programming language that guarantees");
        // total 261 = 28 + 21 + 212, so completion_tokens excluded reasoning: output = 21 + 212
        assertThat(c.usage()).isEqualTo(new Usage(28, 0, 233, 212, false));
        // grok-3-mini at $0.30/M in, $0.50/M out: 28 x 0.30 = 8.4 + 233 x 0.50 = 116.5 -> 124.9 -> 125
        ModelPrice grok3Mini = new ModelPrice(new BigDecimal("0.30"), new BigDecimal("0.075"), new BigDecimal("0.50"),
                LocalDate.EPOCH);
        assertThat(grok3Mini.costMicros(c.usage())).isEqualTo(125);
    }

    @Test
    void ollamaOpenAiCompatibleCompletion() {
        ChatOutcome.Completed c = completed("ollama/v1_chat_completions.json");
        assertThat(c.model()).isEqualTo("llama3.2");
        assertThat(c.text()).isEqualTo("Rust is a systems programming language that enforces memory safety "
                + "at compile time through its ownership system.");
        assertThat(c.usage()).isEqualTo(new Usage(31, 0, 22, 0, false));
        assertThat(ModelPrice.FREE.costMicros(c.usage())).isZero();
    }

    /** Ollama's native /api/chat is not this client's protocol: a base URL without /v1 must fail clearly. */
    @Test
    void ollamaNativeChatBodyIsReportedNotMisread() {
        assertThat(parse("ollama/api_chat.json")).isEqualTo(new ChatOutcome.ServerError(200, "response has no choices"));
    }

    @Test
    void ollamaNativeNdjsonStreamsYieldNoText() throws IOException {
        for (String fixture : List.of("ollama/api_chat_stream.ndjson", "ollama/api_chat_stream_length.ndjson")) {
            assertThat(stream(fixture)).as(fixture).isInstanceOf(ChatOutcome.NetworkError.class);
        }
        assertThat(deltas).isEmpty();
    }

    @Test
    void usageWithoutTotalKeepsOpenAiSemantics() {
        // OpenAI o-series: reasoning is inside completion_tokens (total = prompt + completion)
        ChatOutcome.Completed c = (ChatOutcome.Completed) CompletionParser.toOutcome(CompletionParser.parse(JSON, """
                {"model":"o4-mini","choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":300,"total_tokens":310,
                          "completion_tokens_details":{"reasoning_tokens":256}}}"""), 200, REQUEST);
        assertThat(c.usage()).isEqualTo(new Usage(10, 0, 300, 256, false));
    }

    @Test
    void missingUsageIsEstimated() {
        ChatOutcome.Completed c = (ChatOutcome.Completed) CompletionParser.toOutcome(CompletionParser.parse(JSON, """
                {"model":"m","choices":[{"message":{"content":"123456789"},"finish_reason":"stop"}]}"""), 200, REQUEST);
        // prompt: 3 priming + (3 + "user" 1 + "What is Rust?" 4) = 11; answer "123456789" is 3 o200k tokens
        assertThat(c.usage()).isEqualTo(new Usage(11, 0, 3, 0, true));
    }

    @Test
    void unreadableBodyIsAServerError() {
        assertThat(CompletionParser.toOutcome(CompletionParser.parse(JSON, "<html>oops</html>"), 200, REQUEST))
                .isEqualTo(new ChatOutcome.ServerError(200, "unreadable response body"));
    }
}
