package dev.chorus.orchestration.probe;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped tasks a model is probed with, and what probing one would cost.
 *
 * @param system the instruction sent with every task: answer only
 */
public record ProbeSuite(String system, List<ProbeTask> tasks) {
    /** The answer a task may take; they ask for a word or a number, so this is ample. */
    public static final int MAX_ANSWER_TOKENS = 200;
    /** What a typical answer takes, for the estimate shown before a probe. */
    static final int TYPICAL_ANSWER_TOKENS = 30;

    public ProbeSuite {
        tasks = List.copyOf(tasks);
    }

    public List<ChatMessage> messages(ProbeTask task) {
        return List.of(ChatMessage.system(system), ChatMessage.user(task.prompt()));
    }

    /** The likely cost of probing {@code model}: every prompt, and a typical short answer to each. */
    public long estimateMicros(ModelSpec model) {
        long total = 0;
        for (ProbeTask task : tasks) {
            total += model.price().costMicros(Usage.estimated(TokenEstimator.estimate(messages(task)),
                    TYPICAL_ANSWER_TOKENS));
        }
        return total;
    }

    /** How many tasks each domain has. */
    public Map<Domain, Integer> perDomain() {
        Map<Domain, Integer> counts = new EnumMap<>(Domain.class);
        tasks.forEach(t -> counts.merge(t.domain(), 1, Integer::sum));
        return counts;
    }
}
