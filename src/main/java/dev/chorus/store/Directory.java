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

    /** The user's Telegram username (without @) as last seen. */
    java.util.Optional<String> username(long userId);

    /** The user id behind {@code @username} (case-insensitive), if the bot has met that user. */
    java.util.Optional<Long> userIdOf(String username);

    /** A group's title as last seen. */
    java.util.Optional<String> chatTitle(long chatId);
}
