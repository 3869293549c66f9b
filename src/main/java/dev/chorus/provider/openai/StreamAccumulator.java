package dev.chorus.provider.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.HttpChatClient;
import dev.chorus.provider.IoOutcomes;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import dev.chorus.provider.openai.wire.WireChoice;
import dev.chorus.provider.openai.wire.WireCompletion;
import dev.chorus.provider.openai.wire.WireMessage;
import dev.chorus.provider.sse.ServerSentEvent;
import okhttp3.Headers;

/**
 * The state of one streamed answer, fed event by event. Finish and usage arrive in separate
 * chunks (usage in a last chunk with {@code choices: []} at OpenAI, with an empty delta at
 * OpenRouter), so the stream is only over at {@code [DONE]}, at end of stream, or on an error.
 */
final class StreamAccumulator implements HttpChatClient.StreamState {

    private final ObjectMapper json;
    private final StreamListener listener;
    private final Headers headers;
    private final String apiKey;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder refusal = new StringBuilder();
    private String model;
    private String finishReason;
    private Usage usage;
    private boolean doneMarker;
    private ChatOutcome failure;

    StreamAccumulator(ObjectMapper json, StreamListener listener, Headers headers, String apiKey) {
        this.json = json;
        this.listener = listener;
        this.headers = headers;
        this.apiKey = apiKey;
    }

    /** True once nothing more should be read. */
    @Override
    public boolean over() {
        return doneMarker || failure != null;
    }

    boolean hasText() {
        return !text.isEmpty();
    }

    String text() {
        return text.toString();
    }

    @Override
    public void accept(ServerSentEvent event) {
        String data = event.data().strip();
        if (data.equals("[DONE]")) {
            doneMarker = true;
            return;
        }
        if (data.isEmpty()) {
            return;
        }
        WireCompletion chunk;
        try {
            chunk = json.readValue(data, WireCompletion.class);
        } catch (JacksonException e) {
            failure = new ChatOutcome.ServerError(200, "malformed stream chunk");
            return;
        }
        if (chunk.error() != null && !chunk.error().isNull()) {
            String body = IoOutcomes.scrub(data, apiKey);
            failure = OpenAiErrorMapper.map(OpenAiErrorMapper.statusOfStreamError(body), headers, body);
            return;
        }
        if (model == null) {
            model = chunk.model();
        }
        if (chunk.usage() != null) {
            usage = chunk.usage().toUsage();
        }
        WireChoice choice = chunk.firstChoice();
        if (choice == null) {
            return;
        }
        WireMessage delta = choice.delta();
        if (delta != null && delta.content() != null && !delta.content().isEmpty()) {
            text.append(delta.content());
            listener.onText(delta.content());
        }
        if (delta != null && delta.refusal() != null) {
            refusal.append(delta.refusal());
        }
        if (choice.finishReason() != null) {
            finishReason = choice.finishReason();
        }
    }

    /** The outcome after reading stopped, cleanly or not. {@code cause} is null for a plain end of stream. */
    @Override
    public ChatOutcome finish(ChatRequest request, ChatOutcome cause) {
        ChatOutcome problem = failure != null ? failure : cause;
        if (problem == null && finishReason == null && !doneMarker) {
            problem = new ChatOutcome.NetworkError("stream ended before the answer was complete");
        }
        if (problem != null) {
            return hasText() ? new ChatOutcome.Interrupted(text(), messageOf(problem)) : problem;
        }
        Usage counted = usage != null ? usage : Usage.estimated(
                TokenEstimator.estimate(request.messages()), TokenEstimator.estimate(text() + refusal));
        if (!refusal.isEmpty() && !hasText()) {
            return new ChatOutcome.Refused(refusal.toString(), counted);
        }
        // [DONE] without any finish_reason: the server says it is done but not why.
        FinishReason reason = FinishReason.fromWire(finishReason);
        return new ChatOutcome.Completed(text(), counted, model, reason);
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
