package dev.chorus.orchestration;

/** Who asked, and in which chat: the unit that spend is recorded against. */
public record Asker(long userId, long chatId) {
}
