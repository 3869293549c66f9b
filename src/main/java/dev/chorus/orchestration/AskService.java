package dev.chorus.orchestration;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Attempt;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.CallLog;
import dev.chorus.store.CallRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Answers one question: the configured model first, the fallbacks after it when it fails, the
 * text streamed to the caller, every call recorded with its cost. Thread-safe: one instance serves
 * every chat.
 */
public final class AskService {
    private final ModelSpec model;
    private final Function<ModelSpec, List<ModelSpec>> withFallbacks;
    private final FallbackChain chain;
    private final Function<Asker, SpendGate> gates;
    private final CallLog calls;
    private final AskSettings settings;
    private final Clock clock;

    /**
     * @param withFallbacks for a chosen model, the models to try in order (it first)
     * @param gates the budget gate of whoever asks
     */
    public AskService(ModelCatalog catalog, Function<ModelSpec, List<ModelSpec>> withFallbacks, FallbackChain chain,
                      Function<Asker, SpendGate> gates, CallLog calls, AskSettings settings, Clock clock) {
        this.gates = gates;
        this.model = catalog.find(settings.defaultModel()).orElseThrow(() -> new IllegalArgumentException(
                "model " + settings.defaultModel() + " is not in the catalog"));
        this.withFallbacks = withFallbacks;
        this.chain = chain;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
    }

    /** The model that answers first, by catalog id. */
    public String modelId() {
        return model.id();
    }

    public AskOutcome ask(Asker asker, String question, AnswerProgress progress) {
        Instant started = clock.instant();
        List<ChatMessage> conversation = List.of(ChatMessage.system(settings.systemPrompt()), ChatMessage.user(question));
        ChainResult result = chain.run(withFallbacks.apply(model), conversation, settings.maxTokens(), null,
                gates.apply(asker), progress::onText);
        Duration took = Duration.between(started, clock.instant());
        record(asker, result);
        List<String> failed = result.failedModels().stream().map(ModelSpec::id).toList();
        if (result.answeredBy().isPresent()) {
            String id = result.answeredBy().get().id();
            if (result.last() instanceof ChatOutcome.Refused) {
                return new AskOutcome.Declined(result.text(), id, result.costMicros());
            }
            boolean truncated = result.last() instanceof ChatOutcome.Completed c && c.finishReason() == FinishReason.LENGTH;
            return new AskOutcome.Answered(result.text(), id, result.costMicros(), result.costEstimated(), took,
                    truncated, failed);
        }
        boolean noneCalled = result.attempts().stream().noneMatch(Attempt::called);
        if (noneCalled) {
            var denial = result.attempts().stream().filter(Attempt::deniedBySpendGate).findFirst();
            if (denial.isPresent()) {
                return new AskOutcome.OverBudget(denial.get().skipped());
            }
        }
        String tried = failed.isEmpty() ? model.id() : String.join(", ", failed);
        return new AskOutcome.Failed(failureOf(result.last()), tried, result.text(), result.costMicros());
    }

    private static Failure failureOf(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.RateLimited r -> Failure.RATE_LIMITED;
            case ChatOutcome.Timeout t -> Failure.TIMEOUT;
            case ChatOutcome.AuthFailed a -> Failure.MISCONFIGURED;
            case ChatOutcome.ContextTooLong c -> Failure.TOO_LONG;
            case ChatOutcome.BadRequest b -> Failure.REJECTED;
            case ChatOutcome.Interrupted i -> Failure.INTERRUPTED;
            case ChatOutcome.Overloaded o -> Failure.UNAVAILABLE;
            case ChatOutcome.ServerError s -> Failure.UNAVAILABLE;
            case ChatOutcome.NetworkError n -> Failure.UNAVAILABLE;
            case ChatOutcome.Completed c -> Failure.UNAVAILABLE;
            case ChatOutcome.Refused r -> Failure.REJECTED;
        };
    }

    private void record(Asker asker, ChainResult result) {
        Instant now = clock.instant();
        for (Attempt attempt : result.attempts()) {
            if (!attempt.called()) {
                continue;
            }
            calls.append(new CallRecord(now, asker.userId(), asker.chatId(), attempt.model().id(), "answer",
                    attempt.outcome().getClass().getSimpleName(), attempt.usage().inputTokens(),
                    attempt.usage().cachedInputTokens(), attempt.usage().outputTokens(), attempt.costMicros(),
                    attempt.usage().estimated(), attempt.took().toMillis()));
        }
    }
}
