package dev.chorus.command;

/**
 * The outbox's backlog.
 *
 * @param waiting messages Telegram has not taken yet
 * @param expired messages given up after waiting too long (over the last week)
 */
public record Deliveries(long waiting, long expired) {
}
