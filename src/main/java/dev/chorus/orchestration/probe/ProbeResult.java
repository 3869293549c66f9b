package dev.chorus.orchestration.probe;

import dev.chorus.provider.catalog.Domain;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a probe measured.
 *
 * @param scores per probed domain, tasks passed out of those answered
 * @param unanswered tasks no answer came for (the provider failed, or the budget ran out)
 * @param stopped why the probe stopped before the end, or null when it ran through
 */
public record ProbeResult(String model, Map<Domain, Score> scores, long costMicros, int unanswered, String stopped) {
    public ProbeResult {
        scores = scores.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new EnumMap<>(scores));
    }

    public boolean complete() {
        return stopped == null && unanswered == 0;
    }

    /** Tasks of one domain: passed out of answered. */
    public record Score(int passed, int answered) {
        /** The capability it stands for, 0..1: the share passed, pulled a little toward 0.5 so one task is never all. */
        public double capability() {
            return (passed + 0.5) / (answered + 1.0);
        }
    }
}
