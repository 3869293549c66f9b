package dev.chorus.store;

/**
 * Remembers the users and chats the bot has met, so that admins can name a user by {@code @username}
 * and later features (budgets, alerts to an admin's private chat) can find them. Thread-safe.
 */
public interface Directory {
    /**
     * Records that {@code userId} wrote in {@code chatId}; names may be {@code null}.
     *
     * @param chatKind {@code private}, {@code group}, {@code supergroup} or {@code channel}
     */
    void seen(long userId, String username, String firstName, long chatId, String chatKind, String chatTitle);
}
