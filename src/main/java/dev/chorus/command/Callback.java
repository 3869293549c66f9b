package dev.chorus.command;

/**
 * A press of one of the bot's inline buttons.
 *
 * @param messageId the bot message the button is on
 * @param callbackId Telegram's id for acknowledging the press
 * @param data what the button carries
 */
public record Callback(long chatId, ChatKind chatKind, long userId, int messageId, String callbackId, String data) {
}
