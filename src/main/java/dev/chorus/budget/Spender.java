package dev.chorus.budget;

/** Who spends: a user, in a private chat or in a group (whose pool then pays). */
public record Spender(long userId, long chatId, boolean inGroup) {
    /** The bot itself (a capability probe): only the global budget pays. No Telegram user or chat has id 0. */
    public static final Spender BOT = new Spender(0, 0, false);

    public static Spender privately(long userId) {
        return new Spender(userId, userId, false);
    }

    public static Spender inGroup(long userId, long chatId) {
        return new Spender(userId, chatId, true);
    }
}
