package dev.chorus.provider.anthropic;

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
import java.util.ArrayList;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Every successful-response fixture of Anthropic through the parsers. */
class AnthropicFixtureParsingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest REQUEST =
            new ChatRequest("claude-3-5-haiku-latest", List.of(ChatMessage.user("What is Rust?")), 256, null);
    // $/M tokens: claude-3-5-haiku 0.80 in / 0.08 cache read / 4.00 out
    private static final ModelPrice HAIKU = new ModelPrice(
            new BigDecimal("0.80"), new BigDecimal("0.08"), new BigDecimal("4.00"), null);
    private static final String STREAM = "anthropic/messages_stream.sse";
    private static final String MIDSTREAM_ERROR = "anthropic/messages_stream_error_midstream.sse";

    private final List<String> deltas = new ArrayList<>();

    private static ChatOutcome parse(String body) {
        return MessageParser.toOutcome(MessageParser.parse(JSON, body), 200, REQUEST);
    }

    private ChatOutcome stream(String body) throws IOException {
        MessageStream state = new MessageStream(JSON, deltas::add, Headers.of(), null);
        ServerSentEventReader reader = new ServerSentEventReader(new StringReader(body), state::accept);
        while (!state.over() && reader.processNextEvent()) {
            // feed every event
        }
        return state.finish(REQUEST, null);
    }

    @Test
    void messageWithCacheRead() {
        ChatOutcome outcome = parse(Fixtures.read("anthropic/messages_response.json"));

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class, c -> {
            assertThat(c.text()).isEqualTo("Rust is a systems programming language that guarantees memory safety "
                    + "at compile time through ownership and borrowing, without needing a garbage collector.");
            assertThat(c.model()).isEqualTo("claude-3-5-haiku-20241022");
            assertThat(c.finishReason()).isEqualTo(FinishReason.STOP);
            // input_tokens 18 excludes the 2048 read from cache (and the 0 written to it)
            assertThat(c.usage()).isEqualTo(new Usage(18 + 2048, 2048, 33, 0, false));
            // uncached 18 x 0.80 = 14.4 µ$; cache read 2048 x 0.08 = 163.84 µ$; output 33 x 4.00 = 132 µ$
            // total 310.24 µ$, rounded up to 311 µ$
            assertThat(HAIKU.costMicros(c.usage())).isEqualTo(311);
        });
    }

    @Test
    void streamDeliversTextDeltasAndReadsUsageFromStartAndDelta() throws IOException {
        ChatOutcome outcome = stream(Fixtures.read(STREAM));

        assertThat(deltas).containsExactly("Rust is", " a memory-safe systems", " programming language.");
        // message_start: input 21 + cache read 2048, output 1 so far; message_delta: output 12 in total
        Usage usage = new Usage(21 + 2048, 2048, 12, 0, false);
        assertThat(outcome).isEqualTo(new ChatOutcome.Completed("Rust is a memory-safe systems programming language.",
                usage, "claude-3-5-haiku-20241022", FinishReason.STOP));
        // uncached 21 x 0.80 = 16.8 µ$; cache read 2048 x 0.08 = 163.84 µ$; output 12 x 4.00 = 48 µ$
        // total 228.64 µ$, rounded up to 229 µ$
        assertThat(HAIKU.costMicros(usage)).isEqualTo(229);
    }

    @Test
    void errorEventAfterTextIsInterruptedWithThePartialText() throws IOException {
        ChatOutcome outcome = stream(Fixtures.read(MIDSTREAM_ERROR));

        assertThat(deltas).containsExactly("Rust's borrow checker");
        assertThat(outcome).isEqualTo(new ChatOutcome.Interrupted("Rust's borrow checker", "Overloaded"));
    }

    @Test
    void errorEventBeforeAnyTextIsTheMappedOutcome() throws IOException {
        String withoutDelta = Fixtures.read(MIDSTREAM_ERROR).replaceAll(
                "event: content_block_delta\ndata: [^\n]*\n\n", "");

        assertThat(stream(withoutDelta)).isEqualTo(new ChatOutcome.Overloaded("Overloaded"));
        assertThat(deltas).isEmpty();
    }

    @Test
    void endOfStreamBeforeMessageStop() throws IOException {
        String full = Fixtures.read(STREAM);
        String withoutStop = full.substring(0, full.indexOf("event: message_stop"));
        assertThat(stream(withoutStop)).isEqualTo(new ChatOutcome.Interrupted(
                "Rust is a memory-safe systems programming language.", "stream ended before message_stop"));

        deltas.clear();
        String startOnly = full.substring(0, full.indexOf("event: content_block_delta"));
        assertThat(stream(startOnly)).isEqualTo(new ChatOutcome.NetworkError("stream ended before message_stop"));
        assertThat(deltas).isEmpty();
    }

    @Test
    void cumulativeCountsRepeatedInMessageDeltaAreNotAddedTwice() throws IOException {
        // Newer API versions repeat input and cache counts in message_delta, as running totals.
        String newer = Fixtures.read(STREAM).replace("\"usage\":{\"output_tokens\":12}",
                "\"usage\":{\"input_tokens\":21,\"cache_creation_input_tokens\":0,"
                        + "\"cache_read_input_tokens\":2048,\"output_tokens\":12}");
        assertThat(newer).isNotEqualTo(Fixtures.read(STREAM));

        ChatOutcome outcome = stream(newer);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class,
                c -> assertThat(c.usage()).isEqualTo(new Usage(2069, 2048, 12, 0, false)));
    }

    @Test
    void stopReasonsMap() {
        assertThat(completed("end_turn").finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(completed("stop_sequence").finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(completed("max_tokens").finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completed("model_context_window_exceeded").finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(completed("tool_use").finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        assertThat(completed("pause_turn").finishReason()).isEqualTo(FinishReason.OTHER);
    }

    @Test
    void refusalIsRefusedWithWhateverTextCameBeforeIt() {
        assertThat(parse(message("refusal", "[{\"type\":\"text\",\"text\":\"I can't help with that.\"}]")))
                .isEqualTo(new ChatOutcome.Refused("I can't help with that.", new Usage(10, 0, 5, 0, false)));
        assertThat(parse(message("refusal", "[]")))
                .isEqualTo(new ChatOutcome.Refused(MessageParser.REFUSAL_WITHOUT_TEXT, new Usage(10, 0, 5, 0, false)));
    }

    @Test
    void onlyTextBlocksAreAnswerText() {
        ChatOutcome outcome = parse(message("end_turn", "[{\"type\":\"thinking\",\"thinking\":\"hmm\",\"signature\":\"x\"},"
                + "{\"type\":\"text\",\"text\":\"Rust \"},{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"n\",\"input\":{}},"
                + "{\"type\":\"text\",\"text\":\"is safe.\"}]"));
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class,
                c -> assertThat(c.text()).isEqualTo("Rust is safe."));
    }

    @Test
    void missingUsageIsEstimated() {
        ChatOutcome outcome = parse("{\"type\":\"message\",\"model\":\"m\",\"stop_reason\":\"end_turn\","
                + "\"content\":[{\"type\":\"text\",\"text\":\"123456789\"}]}");
        // prompt: 3 priming + (3 + "user" 1 + "What is Rust?" 4) = 11; answer "123456789" is 3 o200k tokens
        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Completed.class,
                c -> assertThat(c.usage()).isEqualTo(Usage.estimated(11, 3)));
    }

    @Test
    void bodiesThatAreNotMessages() {
        assertThat(parse("<html>oops</html>")).isEqualTo(new ChatOutcome.ServerError(200, "unreadable response body"));
        assertThat(parse(Fixtures.read("openai/chat_completion.json")))
                .isEqualTo(new ChatOutcome.ServerError(200, "response is not a message"));
    }

    private static ChatOutcome.Completed completed(String stopReason) {
        return (ChatOutcome.Completed) parse(message(stopReason, "[{\"type\":\"text\",\"text\":\"x\"}]"));
    }

    private static String message(String stopReason, String content) {
        return "{\"type\":\"message\",\"model\":\"claude-3-5-haiku-20241022\",\"stop_reason\":\"" + stopReason
                + "\",\"content\":" + content + ",\"usage\":{\"input_tokens\":10,\"output_tokens\":5}}";
    }
}
