package dev.chorus.telegram;

/** Who the bot is, as {@code getMe} told it at start. */
record BotIdentity(long id, String username) {
}
