package dev.chorus.config;

import java.time.Duration;

/**
 * How much one chat may ask of the bot, and how long it waits for it.
 *
 * @param answerDeadline the longest wait for one answer, every retry and fallback included
 * @param outboxExpiry how long a message Telegram did not take is retried
 * @param userQuestionsPerMinute questions one person may ask per minute
 * @param groupQuestionsPerMinute questions one group may ask per minute
 * @param escalationStrategy where a hard question escalates: model, verify or parallel
 * @param multiMaxCostMicros the most one /multi run may cost in its worst case
 * @param multiConfirmAboveMicros a run whose worst case costs more is confirmed first
 * @param pipeline the admins' pipeline for /multi pipeline, step by step; empty when there is none
 * @param multiGrace how long the other members of a run may take once one answer is complete
 */
public record ChatLimits(Duration answerDeadline, Duration outboxExpiry, int userQuestionsPerMinute,
                         int groupQuestionsPerMinute, String escalationStrategy, long multiMaxCostMicros,
                         long multiConfirmAboveMicros, java.util.List<Step> pipeline, Duration multiGrace) {
    public ChatLimits(Duration answerDeadline, Duration outboxExpiry, int userQuestionsPerMinute,
                      int groupQuestionsPerMinute) {
        this(answerDeadline, outboxExpiry, userQuestionsPerMinute, groupQuestionsPerMinute, "verify", 250_000, 50_000,
                java.util.List.of(), Duration.ofSeconds(10));
    }

    public ChatLimits {
        pipeline = java.util.List.copyOf(pipeline);
    }

    /** One step of the pipeline: its name and the model id that does it. */
    public record Step(String name, String model) {
    }

}
