package dev.chorus.command;

import dev.chorus.i18n.Texts;

/**
 * A press of one of the bot's inline buttons.
 *
 * @param messageId the bot message the button is on
 * @param callbackId Telegram's id for acknowledging the press
 * @param data what the button carries
 * @param languageCode the presser's language, as for {@link Incoming#languageCode()}
 */
public record Callback(long chatId, ChatKind chatKind, long userId, int messageId, String callbackId, String data,
                       String languageCode) {
    public Callback(long chatId, ChatKind chatKind, long userId, int messageId, String callbackId, String data) {
        this(chatId, chatKind, userId, messageId, callbackId, data, null);
    }

    /** The same press, read in the language {@code code}. */
    public Callback withLanguage(String code) {
        return new Callback(chatId, chatKind, userId, messageId, callbackId, data, code);
    }

    /** What the bot says to the presser, in their language. */
    public Texts texts() {
        return Texts.forCode(languageCode);
    }
}
