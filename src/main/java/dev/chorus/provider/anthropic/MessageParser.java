package dev.chorus.provider.anthropic;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import dev.chorus.provider.anthropic.wire.WireResponse;

/** Turns a successful non-stream Message into an outcome; also the shared end of a streamed one. */
final class MessageParser {

    /** Used when a refusal comes with no text of its own, as Refused needs some. */
    static final String REFUSAL_WITHOUT_TEXT = "The model declined to answer.";

    private MessageParser() {
    }

    /** The parsed body, or null when it is not JSON of the expected shape. */
    static WireResponse parse(ObjectMapper json, String body) {
        try {
            return json.readValue(body, WireResponse.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * A 200 body that is not a Message is most often something else behind the base URL (an
     * OpenAI-style server, a login page), so it is reported, not guessed at.
     */
    static ChatOutcome toOutcome(WireResponse message, int status, ChatRequest request) {
        if (message == null) {
            return new ChatOutcome.ServerError(status, "unreadable response body");
        }
        if (!"message".equals(message.type())) {
            return new ChatOutcome.ServerError(status, "response is not a message");
        }
        String text = message.text();
        String thinking = message.thinking();
        Usage usage = message.usage() != null
                ? message.usage().toUsage(thinking.isEmpty() ? 0 : TokenEstimator.estimate(thinking))
                : estimate(request, text);
        return answer(text, usage, message.model(), message.stopReason());
    }

    /** The outcome of a finished answer, streamed or not. */
    static ChatOutcome answer(String text, Usage usage, String model, String stopReason) {
        if ("refusal".equals(stopReason)) {
            // Streaming classifiers can stop Claude mid-answer; whatever it said up to there is kept.
            return new ChatOutcome.Refused(text.isBlank() ? REFUSAL_WITHOUT_TEXT : text, usage);
        }
        return new ChatOutcome.Completed(text, usage, model, finishReason(stopReason));
    }

    static Usage estimate(ChatRequest request, String text) {
        return Usage.estimated(TokenEstimator.estimate(request.messages()), TokenEstimator.estimate(text));
    }

    /** Maps {@code stop_reason}; unknown or missing values become OTHER (pause_turn among them). */
    static FinishReason finishReason(String stopReason) {
        if (stopReason == null) {
            return FinishReason.OTHER;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> FinishReason.STOP;
            // model_context_window_exceeded: the window, not max_tokens, cut the answer; still a cut.
            case "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_use" -> FinishReason.TOOL_CALLS;
            default -> FinishReason.OTHER;
        };
    }
}
