package dev.chorus.provider.openai;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import dev.chorus.provider.openai.wire.WireChoice;
import dev.chorus.provider.openai.wire.WireCompletion;
import dev.chorus.provider.openai.wire.WireMessage;

/** Turns a successful non-stream chat completion body into an outcome. */
final class CompletionParser {

    private CompletionParser() {
    }

    /** The parsed body, or null when it is not JSON of the expected shape. */
    static WireCompletion parse(ObjectMapper json, String body) {
        try {
            return json.readValue(body, WireCompletion.class);
        } catch (JacksonException e) {
            return null;
        }
    }

    /**
     * A body that parses but has no choices is most often the wrong API behind the base URL
     * (for example Ollama's native {@code /api} instead of {@code /v1}), so it is reported, not guessed at.
     */
    static ChatOutcome toOutcome(WireCompletion completion, int status, ChatRequest request) {
        if (completion == null) {
            return new ChatOutcome.ServerError(status, "unreadable response body");
        }
        WireChoice choice = completion.firstChoice();
        if (choice == null || choice.message() == null) {
            return new ChatOutcome.ServerError(status, "response has no choices");
        }
        WireMessage message = choice.message();
        String text = message.content() == null ? "" : message.content();
        Usage usage = completion.usage() != null
                ? completion.usage().toUsage()
                : Usage.estimated(TokenEstimator.estimate(request.messages()), TokenEstimator.estimate(text));
        if (message.refusal() != null) {
            return new ChatOutcome.Refused(message.refusal(), usage);
        }
        return new ChatOutcome.Completed(text, usage, completion.model(), FinishReason.fromWire(choice.finishReason()));
    }
}
