package dev.chorus.orchestration.probe;

import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Attempt;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.FallbackChain;
import java.util.EnumMap;
import java.util.Map;

/**
 * Runs the probe suite against one model, task by task (no stand-ins: a probe measures that model),
 * within a budget gate, and scores the answers. A task no answer came for is not scored; the budget
 * running out stops the probe with what was measured so far.
 */
public final class Prober {
    private final ProbeSuite suite;
    private final FallbackChain chain;

    public Prober(ProbeSuite suite, FallbackChain chain) {
        this.suite = suite;
        this.chain = chain;
    }

    public ProbeSuite suite() {
        return suite;
    }

    /** Told after every task: how far the probe is, and what it has cost so far. */
    @FunctionalInterface
    public interface Progress {
        void onTask(int done, int total, int passed, long costMicros);
    }

    public ProbeResult run(ModelSpec model, SpendGate gate, Progress progress) {
        Map<Domain, int[]> counts = new EnumMap<>(Domain.class);
        long cost = 0;
        int done = 0;
        int passed = 0;
        int unanswered = 0;
        String stopped = null;
        for (ProbeTask task : suite.tasks()) {
            ChainResult result = chain.run(java.util.List.of(model), suite.messages(task), ProbeSuite.MAX_ANSWER_TOKENS,
                    0.0, gate, delta -> { });
            cost += result.costMicros();
            done++;
            if (result.answeredBy().isEmpty()) {
                unanswered++;
                if (result.attempts().stream().anyMatch(Attempt::deniedBySpendGate)) {
                    stopped = "the budget has no room for more";
                    progress.onTask(done, suite.tasks().size(), passed, cost);
                    unanswered += suite.tasks().size() - done;
                    break;
                }
            } else {
                int[] c = counts.computeIfAbsent(task.domain(), d -> new int[2]);
                c[1]++;
                if (task.passes(result.text())) {
                    c[0]++;
                    passed++;
                }
            }
            progress.onTask(done, suite.tasks().size(), passed, cost);
        }
        Map<Domain, ProbeResult.Score> scores = new EnumMap<>(Domain.class);
        counts.forEach((d, c) -> scores.put(d, new ProbeResult.Score(c[0], c[1])));
        return new ProbeResult(model.id(), scores, cost, unanswered, stopped);
    }
}
