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
    default void seen(long userId, String username, String firstName, long chatId, String chatKind, String chatTitle) {
        seen(userId, username, firstName, chatId, chatKind, chatTitle, null);
    }

    /**
     * As {@link #seen(long, String, String, long, String, String)}, with the language the user's
     * Telegram app reports ({@code language_code}); null keeps the last one known.
     */
    void seen(long userId, String username, String firstName, long chatId, String chatKind, String chatTitle,
              String languageCode);

    /** The language the user chose with {@code /language} ({@code en} or {@code ru}), if they did. */
    java.util.Optional<String> chosenLanguage(long userId);

    /** Remembers the user's choice of language; it outlives restarts and wins over Telegram's. */
    void chooseLanguage(long userId, String language);

    /** The user's chosen language, else the language code their Telegram app last reported. */
    java.util.Optional<String> language(long userId);

    /** The user's Telegram username (without @) as last seen. */
    java.util.Optional<String> username(long userId);

    /** The user id behind {@code @username} (case-insensitive), if the bot has met that user. */
    java.util.Optional<Long> userIdOf(String username);

    /** A group's title as last seen. */
    java.util.Optional<String> chatTitle(long chatId);
}
