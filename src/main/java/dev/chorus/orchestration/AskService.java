package dev.chorus.orchestration;

import dev.chorus.provider.ChatClient;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.store.CallLog;
import dev.chorus.store.CallRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one question with the configured model, streaming the text to the caller and recording
 * the call and its cost. Thread-safe: one instance serves every chat.
 */
public final class AskService {
    private static final Logger log = LoggerFactory.getLogger(AskService.class);

    private final ModelSpec model;
    private final Function<ModelSpec, ChatClient> clients;
    private final CallLog calls;
    private final AskSettings settings;
    private final Clock clock;

    public AskService(ModelCatalog catalog, Function<ModelSpec, ChatClient> clients, CallLog calls,
                      AskSettings settings, Clock clock) {
        this.model = catalog.find(settings.defaultModel()).orElseThrow(() -> new IllegalArgumentException(
                "model " + settings.defaultModel() + " is not in the catalog"));
        this.clients = clients;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
    }

    /** The model that answers, by catalog id. */
    public String modelId() {
        return model.id();
    }

    public AskOutcome ask(Asker asker, String question, AnswerProgress progress) {
        ChatRequest request = new ChatRequest(model.apiModel(),
                List.of(ChatMessage.system(settings.systemPrompt()), ChatMessage.user(question)),
                Math.min(settings.maxTokens(), model.maxOutput()), null);
        Instant started = clock.instant();
        ChatOutcome outcome = clients.apply(model).stream(request, progress::onText);
        Duration took = Duration.between(started, clock.instant());
        Usage usage = switch (outcome) {
            case ChatOutcome.Completed c -> c.usage();
            case ChatOutcome.Refused r -> r.usage();
            default -> Usage.ZERO;
        };
        long cost = model.price().costMicros(usage);
        record(asker, outcome, usage, cost, took);
        return switch (outcome) {
            case ChatOutcome.Completed c -> new AskOutcome.Answered(c.text(), model.id(), cost, usage.estimated(),
                    took, c.finishReason() == FinishReason.LENGTH);
            case ChatOutcome.Refused r -> new AskOutcome.Declined(r.refusal(), model.id(), cost);
            case ChatOutcome.RateLimited r -> failed(Failure.RATE_LIMITED, r.message(), "");
            case ChatOutcome.Overloaded o -> failed(Failure.UNAVAILABLE, o.message(), "");
            case ChatOutcome.ServerError s -> failed(Failure.UNAVAILABLE, s.status() + " " + s.message(), "");
            case ChatOutcome.NetworkError n -> failed(Failure.UNAVAILABLE, n.message(), "");
            case ChatOutcome.Timeout t -> failed(Failure.TIMEOUT, t.message(), "");
            case ChatOutcome.AuthFailed a -> failed(Failure.MISCONFIGURED, a.message(), "");
            case ChatOutcome.ContextTooLong c -> failed(Failure.TOO_LONG, c.message(), "");
            case ChatOutcome.BadRequest b -> failed(Failure.REJECTED, b.message(), "");
            case ChatOutcome.Interrupted i -> failed(Failure.INTERRUPTED, i.message(), i.partialText());
        };
    }

    private AskOutcome.Failed failed(Failure failure, String detail, String partial) {
        log.warn("model {} failed: {} ({})", model.id(), failure, detail);
        return new AskOutcome.Failed(failure, model.id(), partial);
    }

    private void record(Asker asker, ChatOutcome outcome, Usage usage, long cost, Duration took) {
        calls.append(new CallRecord(clock.instant(), asker.userId(), asker.chatId(), model.id(), "answer",
                outcome.getClass().getSimpleName(), usage.inputTokens(), usage.cachedInputTokens(),
                usage.outputTokens(), cost, usage.estimated(), took.toMillis()));
    }
}
