package dev.chorus.store;

/**
 * A spending scope as stored: {@code kind} is user, group, member or global; {@code groupId} is the
 * group of a member cap (0 otherwise).
 */
public record ScopeKey(String kind, long id, long groupId) {
    public static ScopeKey user(long userId) {
        return new ScopeKey("user", userId, 0);
    }

    public static ScopeKey group(long chatId) {
        return new ScopeKey("group", chatId, 0);
    }

    public static ScopeKey member(long userId, long chatId) {
        return new ScopeKey("member", userId, chatId);
    }

    public static ScopeKey global() {
        return new ScopeKey("global", 0, 0);
    }
}
