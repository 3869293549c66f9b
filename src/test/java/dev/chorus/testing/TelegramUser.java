package dev.chorus.testing;

/**
 * A Telegram user the tests act as.
 *
 * @param languageCode what their Telegram app reports as {@code language_code} ("ru", "en-US"), or null for none
 */
public record TelegramUser(long id, String firstName, String username, String languageCode) {
    public TelegramUser(long id, String firstName, String username) {
        this(id, firstName, username, null);
    }
}
