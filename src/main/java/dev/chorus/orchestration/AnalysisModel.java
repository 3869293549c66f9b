package dev.chorus.orchestration;

import dev.chorus.orchestration.analysis.ProfileModel;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Attempt;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.OutcomeKind;
import dev.chorus.provider.resilience.SpendGate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The cheap model behind the optional LLM task analyzer, for one asker: its call goes through the
 * same guard and the asker's budget as any answer, and is recorded. The analyzer must never hold a
 * question up, so past a short deadline it gives up (the deterministic profile is used); a call
 * still running then finishes in the background and settles its budget as usual. One instance
 * serves one question: the deadline runs from its first call, so a retry shares it.
 */
public final class AnalysisModel implements ProfileModel {
    private static final int MAX_TOKENS = 150;
    private static final java.util.concurrent.ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

    private final ModelSpec model;
    private final FallbackChain chain;
    private final SpendGate gate;
    private final CallLog calls;
    private final Asker asker;
    private final Duration deadline;
    private final Clock clock;
    /** When this question's first call started: the deadline covers a retry too. */
    private volatile long firstCallNanos = Long.MIN_VALUE;

    public AnalysisModel(ModelSpec model, FallbackChain chain, SpendGate gate, CallLog calls, Asker asker,
                         Duration deadline, Clock clock) {
        this.model = model;
        this.chain = chain;
        this.gate = gate;
        this.calls = calls;
        this.asker = asker;
        this.deadline = deadline;
        this.clock = clock;
    }

    @Override
    public boolean local() {
        return model.local();
    }

    /**
     * Asks the model, within what is left of the deadline: an instance serves one question, and a
     * retry after a bad first reply must not double the time the question waits.
     */
    @Override
    public Optional<String> complete(String systemPrompt, String userPrompt) {
        long now = System.nanoTime();
        if (firstCallNanos == Long.MIN_VALUE) {
            firstCallNanos = now;
        }
        long leftMillis = deadline.toMillis() - TimeUnit.NANOSECONDS.toMillis(now - firstCallNanos);
        if (leftMillis <= 0) {
            return Optional.empty();
        }
        // Recorded inside the task, so the record exists before the answer is used (and also when
        // the deadline passed and the call finishes in the background).
        CompletableFuture<ChainResult> call = CompletableFuture.supplyAsync(() -> {
            ChainResult result = chain.run(List.of(model),
                    List.of(ChatMessage.system(systemPrompt), ChatMessage.user(userPrompt)), MAX_TOKENS, 0.0, gate,
                    delta -> { });
            record(result);
            return result;
        }, CALLS);
        try {
            ChainResult result = call.get(leftMillis, TimeUnit.MILLISECONDS);
            return result.last() instanceof ChatOutcome.Completed c ? Optional.of(c.text()) : Optional.empty();
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.empty();
        }
    }

    private void record(ChainResult result) {
        for (Attempt attempt : result.attempts()) {
            if (attempt.called()) {
                calls.append(new CallRecord(clock.instant(), asker.userId(), asker.chatId(), attempt.model().id(),
                        "analysis", OutcomeKind.of(attempt.outcome()).label(), attempt.usage().inputTokens(),
                        attempt.usage().cachedInputTokens(), attempt.usage().outputTokens(), attempt.costMicros(),
                        attempt.usage().estimated(), attempt.took().toMillis()));
            }
        }
    }
}
