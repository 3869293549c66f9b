package dev.chorus.command;

import java.util.Objects;

/**
 * A chat message that may concern the bot, already freed of Telegram types.
 *
 * @param text the message text, with a leading mention of the bot removed
 * @param addressed true when the user clearly spoke to this bot: a private chat, a reply to one of
 *     its messages, a mention, or a command with its {@code @username}
 */
public record Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed) {
    public Incoming {
        Objects.requireNonNull(chatKind, "chatKind");
        text = text == null ? "" : text;
    }
}
