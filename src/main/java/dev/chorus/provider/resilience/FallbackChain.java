package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.Effort;
import dev.chorus.provider.ReasoningRequest;
import dev.chorus.provider.catalog.Reasoning;
import dev.chorus.provider.StreamListener;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the first candidate model; when it fails, the next one answers. Before every call the
 * conversation is fitted to that model's context window and the preflight (budget) is asked. A
 * stream that broke after the user saw text is continued by the next model after a short visible
 * note, never restarted from the beginning. Stand-ins are bounded: once a failed call has cost
 * money (a stream cut after text was billed), a further stand-in is asked only if everything the
 * question spent plus the stand-in's worst case stays within {@value #STAND_IN_SPEND_FACTOR} times
 * the first model's worst case; at most {@value #MAX_FAILED_CALLS} calls may fail; a provider that
 * refused our key is not asked again for its other models; nothing starts after the question's
 * deadline. A stand-in after failures that cost nothing (a 500, a timeout before the first token)
 * costs the user only the answer it gives, within their budget. Thread-safe.
 */
public final class FallbackChain {
    private static final Logger log = LoggerFactory.getLogger(FallbackChain.class);
    static final String CONTINUE = "Your previous answer was cut off. Continue it exactly where it stops, "
            + "without repeating anything already written.";
    /** Without a bound, cut streams walked a question up to the dearest model and billed each try. */
    static final int STAND_IN_SPEND_FACTOR = 2;
    static final int MAX_FAILED_CALLS = 3;

    private final Function<ModelSpec, ProviderGuard> guards;
    private final FailureObserver observer;

    public FallbackChain(Function<ModelSpec, ProviderGuard> guards, FailureObserver observer) {
        this.guards = guards;
        this.observer = observer;
    }

    public ChainResult run(List<ModelSpec> candidates, List<ChatMessage> conversation, int maxOutputTokens,
                           Double temperature, SpendGate gate, StreamListener listener) {
        return run(candidates, conversation, maxOutputTokens, temperature, gate, listener, Deadline.NONE);
    }

    /** The same, with every call (retries and stand-ins included) done by {@code deadline}. */
    public ChainResult run(List<ModelSpec> candidates, List<ChatMessage> conversation, int maxOutputTokens,
                           Double temperature, SpendGate gate, StreamListener listener, Deadline deadline) {
        return run(candidates, conversation, maxOutputTokens, temperature, gate, listener, deadline, null);
    }

    /**
     * The same, asking reasoning models for {@code effort} (null: each model's default). A reasoning
     * model gets its thinking budget on top of {@code maxOutputTokens}; when the budget cannot hold
     * that, it is asked to think less, and only when even low effort does not fit is it passed over.
     */
    public ChainResult run(List<ModelSpec> candidates, List<ChatMessage> conversation, int maxOutputTokens,
                           Double temperature, SpendGate gate, StreamListener listener, Deadline deadline,
                           Effort effort) {
        List<Attempt> attempts = new ArrayList<>();
        java.util.Set<String> refusedKeys = new java.util.HashSet<>();
        long spent = 0;
        long spendCap = -1;
        int failedCalls = 0;
        StringBuilder shown = new StringBuilder();
        StringBuilder answerSoFar = new StringBuilder();
        ModelSpec brokeOff = null;
        ChatOutcome last = new ChatOutcome.Overloaded(ChatOutcome.Overloaded.Reason.NONE_LEFT, "no model could be asked");
        int smallestTooSmall = Integer.MAX_VALUE;
        for (ModelSpec model : candidates) {
            if (deadline.passed()) {
                attempts.add(Attempt.skipped(model, "the answer's deadline passed"));
                last = new ChatOutcome.Timeout("the answer's deadline passed");
                continue;
            }
            if (refusedKeys.contains(model.provider())) {
                attempts.add(Attempt.skipped(model, model.provider() + " refused our API key"));
                continue;
            }
            if (failedCalls >= MAX_FAILED_CALLS) {
                attempts.add(Attempt.skipped(model, "too many models failed already"));
                continue;
            }
            if (model.contextWindow() <= smallestTooSmall && smallestTooSmall != Integer.MAX_VALUE) {
                attempts.add(Attempt.skipped(model, "context window no larger than one that was too small"));
                continue;
            }
            List<ChatMessage> messages = new ArrayList<>(conversation);
            if (!answerSoFar.isEmpty()) {
                messages.add(ChatMessage.assistant(answerSoFar.toString()));
                messages.add(ChatMessage.user(CONTINUE));
            }
            Effort asked = model.reasoning().reasons() ? (effort != null ? effort : model.reasoning().defaultEffort())
                    : null;
            int maxOut = outputCap(model, maxOutputTokens, asked);
            Optional<List<ChatMessage>> fitted = ContextFitter.fit(messages, model.contextWindow(), maxOut);
            if (fitted.isEmpty()) {
                attempts.add(Attempt.skipped(model, "conversation too long for its context window"));
                continue;
            }
            long promptTokens = TokenEstimator.estimate(fitted.get());
            long worstCase = model.price().maxCostMicros(promptTokens, maxOut);
            if (spent > 0 && spendCap >= 0 && spent + worstCase > spendCap) {
                attempts.add(Attempt.skipped(model, "it could cost more than this question may spend on stand-ins"));
                continue;
            }
            SpendGate.Spend spend = null;
            dev.chorus.i18n.Phrase denial = null;
            while (spend == null) {
                switch (gate.admit(model, promptTokens, maxOut, hidden(model, asked, maxOut, maxOutputTokens))) {
                    case SpendGate.Admission.Denied denied -> denial = denied.reason();
                    case SpendGate.Admission.Granted granted -> spend = granted.spend();
                }
                if (spend == null) {
                    // think less rather than not at all: a smaller budget may fit where the full one did not
                    if (asked == null || asked.lower() == null) {
                        break;
                    }
                    asked = asked.lower();
                    maxOut = outputCap(model, maxOutputTokens, asked);
                }
            }
            if (spend == null) {
                attempts.add(Attempt.denied(model, denial));
                continue;
            }
            if (brokeOff != null) {
                String note = "\n\n[" + brokeOff.id() + " stopped here; " + model.id() + " continues]\n\n";
                shown.append(note);
                listener.onText(note);
                brokeOff = null;
            }
            spend.sent();
            GuardedOutcome guarded;
            try {
                guarded = guards.apply(model).call(request(model, fitted.get(), maxOut, temperature, asked, maxOutputTokens),
                        listener, spend, deadline);
            } catch (RuntimeException e) {
                // A listener or programming error: nothing reliable is known about the cost, so the
                // estimate a crash would charge is charged instead of nothing.
                spend.settle(model.price().costMicros(Usage.estimated(promptTokens, 0)), true);
                throw e;
            }
            last = guarded.outcome();
            Usage usage = usageOf(guarded, promptTokens);
            long cost = model.price().costMicros(usage);
            spend.settle(cost, usage.estimated());
            spent += cost;
            if (spendCap < 0) {
                spendCap = STAND_IN_SPEND_FACTOR * worstCase;
            }
            attempts.add(new Attempt(model, last, null, false, usage, cost, guarded.took()));
            switch (last) {
                case ChatOutcome.Completed c -> {
                    return new ChainResult(Optional.of(model), shown + c.text(), last, attempts);
                }
                case ChatOutcome.Refused r -> {
                    return new ChainResult(Optional.of(model), shown + r.refusal(), last, attempts);
                }
                case ChatOutcome.ContextTooLong c -> smallestTooSmall = model.contextWindow();
                case ChatOutcome.AuthFailed a -> {
                    refusedKeys.add(model.provider());
                    observer.authFailed(model.provider(), a.message());
                }
                case ChatOutcome.RateLimited r -> failedCalls++;
                case ChatOutcome.Overloaded o -> {
                    // skipped by its breaker or bulkhead, or busy: no money spent, but a try all the same
                    failedCalls += o.reason() == ChatOutcome.Overloaded.Reason.PROVIDER ? 1 : 0;
                }
                case ChatOutcome.ServerError e -> failedCalls++;
                case ChatOutcome.Timeout t -> failedCalls++;
                case ChatOutcome.NetworkError n -> failedCalls++;
                case ChatOutcome.Interrupted i -> failedCalls++;
                case ChatOutcome.BadRequest b -> {
                    failedCalls++;
                    if (ModelGone.says(b.message())) {
                        observer.modelGone(model, b.message());
                    }
                }
            }
            if (!guarded.shownText().isEmpty()) {
                shown.append(guarded.shownText());
                answerSoFar.append(guarded.shownText());
                brokeOff = model;
            }
            log.warn("model {} failed ({}), trying the next one", model.id(), OutcomeKind.of(last));
        }
        return new ChainResult(Optional.empty(), shown.toString(), last, attempts);
    }

    /**
     * The usage to charge: what the provider reported, else, when the user saw text from a call
     * that broke, a local count of it (providers bill partial streams); else nothing.
     */
    private static Usage usageOf(GuardedOutcome guarded, long promptTokens) {
        if (guarded.outcome() instanceof ChatOutcome.Completed c) {
            return c.usage();
        }
        if (guarded.outcome() instanceof ChatOutcome.Refused r) {
            return r.usage();
        }
        return guarded.shownText().isEmpty() ? Usage.ZERO
                : Usage.estimated(promptTokens, TokenEstimator.estimate(guarded.shownText()));
    }

    /** All a model may generate for an answer of {@code answerTokens}: its thinking budget on top, within its limit. */
    static int outputCap(ModelSpec model, int answerTokens, Effort effort) {
        int thinking = effort == null ? 0 : Reasoning.budget(effort);
        return (int) Math.min(model.maxOutput(), (long) answerTokens + thinking);
    }

    /**
     * The thinking budget within {@code maxOut}: the full budget where the model's output limit has
     * room for it and the answer, else what is left after the answer (at most a quarter of the limit
     * is kept for it).
     */
    static int thinkingBudget(Effort effort, int maxOut, int answerTokens) {
        int answer = Math.max(1, Math.min(answerTokens, maxOut / 4));
        return Math.max(1, Math.min(Reasoning.budget(effort), maxOut - answer));
    }

    private static int hidden(ModelSpec model, Effort effort, int maxOut, int answerTokens) {
        return effort == null || model.reasoning().style() == ReasoningRequest.Style.THINKING ? 0
                : thinkingBudget(effort, maxOut, answerTokens);
    }

    private static ChatRequest request(ModelSpec model, List<ChatMessage> messages, int maxOut, Double temperature,
                                       Effort effort, int answerTokens) {
        if (effort == null) {
            return new ChatRequest(model.apiModel(), messages, maxOut, temperature);
        }
        // reasoning models refuse a temperature
        return new ChatRequest(model.apiModel(), messages, maxOut, null,
                new ReasoningRequest(model.reasoning().style(), effort, thinkingBudget(effort, maxOut, answerTokens)));
    }

    /** Hears about failures an admin must fix, such as a provider refusing our key. */
    @FunctionalInterface
    public interface FailureObserver {
        FailureObserver LOG_ONLY = (provider, message) -> log.error("{} refused the API key: {}", provider, message);

        void authFailed(String provider, String message);

        /** The provider says {@code model} does not exist (any more): retired, renamed, or deprecated away. */
        default void modelGone(ModelSpec model, String message) {
            log.error("{} says model {} is gone: {}", model.provider(), model.id(), message);
        }
    }
}
