package dev.chorus.orchestration;

/** Who asked, and in which chat: what spend is charged to (in a group, the group's pool). */
public record Asker(long userId, long chatId, boolean inGroup) {
    public Asker(long userId, long chatId) {
        this(userId, chatId, chatId != userId);
    }
}
