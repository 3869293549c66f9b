package dev.chorus.command;

import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.cache.AnswerCache;
import dev.chorus.orchestration.cache.CachedAnswers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.slf4j.MDC;

/**
 * What an answered question leaves behind for operators: the meters (answers by model, mode and
 * outcome; the time to the answer and the time the bot added to the model calls, as histograms;
 * stand-ins; cache hits and what they saved) and the fields of the update's one log line, which the
 * Telegram adapter writes from the MDC.
 */
final class AnswerMetrics {
    private final MeterRegistry registry;
    private final Timer answerTime;
    private final Timer botTime;

    AnswerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.answerTime = Timer.builder("chorus.answer.time").publishPercentileHistogram().register(registry);
        this.botTime = Timer.builder("chorus.answer.bot_time").publishPercentileHistogram().register(registry);
    }

    void refused() {
        registry.counter("chorus.questions.refused").increment();
    }

    void answered(AskOutcome outcome, String mode) {
        String kind = switch (outcome) {
            case AskOutcome.Answered a -> "answered";
            case AskOutcome.NeedsConsent c -> "needs_consent";
            case AskOutcome.NoModel n -> "no_model";
            case AskOutcome.Declined d -> "declined";
            case AskOutcome.Failed f -> "failed";
            case AskOutcome.OverBudget o -> "over_budget";
        };
        String model = outcome instanceof AskOutcome.Answered a ? a.modelId() : "none";
        registry.counter("chorus.answers", "model", model, "mode", mode, "outcome", kind).increment();
        logLine(model, kind, switch (outcome) {
            case AskOutcome.Answered a -> a.costMicros();
            case AskOutcome.Declined d -> d.costMicros();
            case AskOutcome.Failed f -> f.costMicros();
            default -> 0L;
        });
        if (outcome instanceof AskOutcome.Answered a) {
            answerTime.record(a.took());
            Duration calls = a.steps().stream().map(Step::took).reduce(Duration.ZERO, Duration::plus);
            Duration added = a.took().minus(calls);
            botTime.record(added.isNegative() ? Duration.ZERO : added);
            if (!a.failedModels().isEmpty()) {
                registry.counter("chorus.fallbacks", "model", model).increment();
            }
        }
    }

    /** Every lookup of a question the cache may serve, so that hits can be read as a rate. */
    void cacheLookedUp(boolean hit) {
        registry.counter("chorus.cache.lookups", "result", hit ? "hit" : "miss").increment();
    }

    void servedFromCache(CachedAnswers.Hit hit) {
        AnswerCache.Entry kept = hit.entry();
        registry.counter("chorus.cache.hits", "kind", hit.match() == CachedAnswers.Match.EXACT ? "exact" : "semantic")
                .increment();
        registry.counter("chorus.cache.saved_micros").increment(kept.costMicros());
        logLine(kept.model(), "cached", 0);
    }

    private static void logLine(String model, String outcome, long costMicros) {
        MDC.put("model", model);
        MDC.put("outcome", outcome);
        MDC.put("cost_micros", Long.toString(costMicros));
    }
}
