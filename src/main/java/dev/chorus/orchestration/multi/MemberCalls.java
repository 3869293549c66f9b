package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.MemberState;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Attempt;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.OutcomeKind;
import dev.chorus.provider.resilience.SpendGate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One member's call in a run: through the fallback chain with that one model (so the budget gate,
 * the context fitting, the output cap and the guard all apply), reported step by step to the run's
 * record, and logged. Thread-safe.
 */
final class MemberCalls {
    private final FallbackChain chain;
    private final SpendGate gate;
    private final int maxTokens;
    private final Consumer<ChainResult> log;

    /** @param log told of every call, to record it with its cost */
    MemberCalls(FallbackChain chain, SpendGate gate, int maxTokens, Consumer<ChainResult> log) {
        this.chain = chain;
        this.gate = gate;
        this.maxTokens = maxTokens;
        this.log = log;
    }

    static boolean answered(ChainResult result) {
        return result.answeredBy().isPresent() && result.last() instanceof ChatOutcome.Completed;
    }

    /**
     * Several models already check one another: a member that reasons is asked for low effort, which
     * the run's worst case covers ({@link Teams#maxCost}).
     */
    static final dev.chorus.provider.Effort MEMBER_EFFORT = dev.chorus.provider.Effort.LOW;

    ChainResult call(ModelSpec model, int index, List<ChatMessage> messages, RunRecord record, Deadline deadline,
                     AnswerProgress progress) {
        AtomicBoolean writing = new AtomicBoolean();
        ChainResult result = chain.run(List.of(model), messages, maxTokens, null, gate, delta -> {
            if (writing.compareAndSet(false, true)) {
                record.update(index, s -> s.in(MemberState.WRITING));
            }
            progress.onText(delta);
        }, deadline, MEMBER_EFFORT);
        log.accept(result);
        Attempt attempt = result.attempts().isEmpty() ? null : result.attempts().getFirst();
        boolean answered = answered(result);
        MemberState end = answered ? MemberState.DONE : deadline.passed() ? MemberState.CANCELLED : MemberState.FAILED;
        String why = answered ? null : attempt == null ? "not asked"
                : attempt.skipped() != null ? attempt.skipped() : OutcomeKind.of(attempt.outcome()).label();
        long input = attempt == null ? 0 : attempt.usage().inputTokens();
        long output = attempt == null ? 0 : attempt.usage().outputTokens();
        Duration took = attempt == null ? Duration.ZERO : attempt.took();
        record.update(index, s -> s.ended(end, input, output, result.costMicros(), took, why));
        return result;
    }
}
