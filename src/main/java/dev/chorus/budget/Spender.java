package dev.chorus.budget;

/** Who spends: a user, in a private chat or in a group (whose pool then pays). */
public record Spender(long userId, long chatId, boolean inGroup) {
    public static Spender privately(long userId) {
        return new Spender(userId, userId, false);
    }

    public static Spender inGroup(long userId, long chatId) {
        return new Spender(userId, chatId, true);
    }
}
