package dev.chorus.config;

import java.time.Duration;

/**
 * How much one chat may ask of the bot, and how long it waits for it.
 *
 * @param answerDeadline the longest wait for one answer, every retry and fallback included
 * @param outboxExpiry how long a message Telegram did not take is retried
 * @param userQuestionsPerMinute questions one person may ask per minute
 * @param groupQuestionsPerMinute questions one group may ask per minute
 */
public record ChatLimits(Duration answerDeadline, Duration outboxExpiry, int userQuestionsPerMinute,
                         int groupQuestionsPerMinute) {
}
