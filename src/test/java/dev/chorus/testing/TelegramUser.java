package dev.chorus.testing;

/** A Telegram user the tests act as. */
public record TelegramUser(long id, String firstName, String username) {
}
