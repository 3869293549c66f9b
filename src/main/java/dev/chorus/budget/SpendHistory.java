package dev.chorus.budget;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a user spent per day and model over a stretch of days (in the bot's time zone).
 *
 * @param byDay every day from {@code from} to {@code to}, each with micro-dollars per model (maybe none)
 * @param byModel the totals per model, most first
 */
public record SpendHistory(LocalDate from, LocalDate to, SortedMap<LocalDate, Map<String, Long>> byDay,
                           Map<String, Long> byModel, long totalMicros) {
}
