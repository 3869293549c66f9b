package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.HttpChatClient;
import dev.chorus.provider.IoOutcomes;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.anthropic.wire.WireContentBlock;
import dev.chorus.provider.anthropic.wire.WireStreamEvent;
import dev.chorus.provider.anthropic.wire.WireUsage;
import dev.chorus.provider.sse.ServerSentEvent;
import okhttp3.Headers;

/**
 * The state of one streamed Message, fed event by event. Unlike OpenAI there is no
 * {@code [DONE]}: {@code message_stop} is the only sign of a complete answer, so a stream that
 * ends without it was cut, however cleanly the connection closed.
 */
final class MessageStream implements HttpChatClient.StreamState {

    private final ObjectMapper json;
    private final StreamListener listener;
    private final Headers headers;
    private final String apiKey;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private String model;
    private String stopReason;
    private WireUsage usage;
    private boolean stopped;
    private ChatOutcome failure;

    MessageStream(ObjectMapper json, StreamListener listener, Headers headers, String apiKey) {
        this.json = json;
        this.listener = listener;
        this.headers = headers;
        this.apiKey = apiKey;
    }

    /** True once nothing more should be read. */
    @Override
    public boolean over() {
        return stopped || failure != null;
    }

    @Override
    public void accept(ServerSentEvent event) {
        WireStreamEvent data;
        try {
            data = json.readValue(event.data(), WireStreamEvent.class);
        } catch (JacksonException e) {
            failure = new ChatOutcome.ServerError(200, "malformed stream event");
            return;
        }
        // Anthropic names each event twice, in event: and in the data; either suffices.
        String type = event.type() != null ? event.type() : String.valueOf(data.type());
        switch (type) {
            case "message_start" -> {
                if (data.message() != null) {
                    model = data.message().model();
                    usage = updated(data.message().usage());
                }
            }
            case "content_block_start" -> emit(data.contentBlock());
            case "content_block_delta" -> {
                // signature_delta, input_json_delta and citations_delta are not answer text, nor is thinking
                if (data.delta() != null && data.delta().isTextDelta()) {
                    emit(data.delta().text());
                } else if (data.delta() != null && data.delta().isThinkingDelta()) {
                    think(data.delta().thinking());
                }
            }
            case "message_delta" -> {
                if (data.delta() != null && data.delta().stopReason() != null) {
                    stopReason = data.delta().stopReason();
                }
                usage = updated(data.usage());
            }
            case "message_stop" -> stopped = true;
            case "error" -> failure = AnthropicErrorMapper.map(
                    AnthropicErrorMapper.statusOf(data.error() == null ? null : data.error().type()),
                    headers, IoOutcomes.scrub(event.data(), apiKey));
            default -> {
                // ping, content_block_stop, and event types Anthropic may add later, as its docs warn.
            }
        }
    }

    private WireUsage updated(WireUsage later) {
        return usage == null ? later : usage.updatedBy(later);
    }

    private void emit(WireContentBlock block) {
        // A text block's start normally has "text": "", but nothing forbids it from carrying text.
        if (block != null && block.isText()) {
            emit(block.text());
        } else if (block != null && block.isThinking()) {
            think(block.thinking());
        }
    }

    private void think(String piece) {
        if (!piece.isEmpty()) {
            thinking.append(piece);
            listener.onReasoning(piece);
        }
    }

    private void emit(String piece) {
        if (!piece.isEmpty()) {
            text.append(piece);
            listener.onText(piece);
        }
    }

    /** The outcome after reading stopped, cleanly or not. {@code cause} is null for a plain end of stream. */
    @Override
    public ChatOutcome finish(ChatRequest request, ChatOutcome cause) {
        ChatOutcome problem = failure != null ? failure : cause;
        if (problem == null && !stopped) {
            problem = new ChatOutcome.NetworkError("stream ended before message_stop");
        }
        if (problem != null) {
            return text.isEmpty() ? problem : new ChatOutcome.Interrupted(text.toString(), messageOf(problem));
        }
        String answer = text.toString();
        long thought = thinking.isEmpty() ? 0 : dev.chorus.provider.TokenEstimator.estimate(thinking.toString());
        return MessageParser.answer(answer, usage != null ? usage.toUsage(thought)
                : MessageParser.estimate(request, answer), model, stopReason);
    }

    private static String messageOf(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.RateLimited o -> o.message();
            case ChatOutcome.Overloaded o -> o.message();
            case ChatOutcome.AuthFailed o -> o.message();
            case ChatOutcome.ContextTooLong o -> o.message();
            case ChatOutcome.BadRequest o -> o.message();
            case ChatOutcome.ServerError o -> o.message();
            case ChatOutcome.Timeout o -> o.message();
            case ChatOutcome.NetworkError o -> o.message();
            case ChatOutcome.Interrupted o -> o.message();
            case ChatOutcome.Completed o -> "completed";
            case ChatOutcome.Refused o -> "refused";
        };
    }
}
