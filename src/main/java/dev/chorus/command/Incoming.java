package dev.chorus.command;

import dev.chorus.i18n.Texts;
import java.util.Objects;

/**
 * A chat message that may concern the bot, already freed of Telegram types.
 *
 * @param text the message text, with a leading mention of the bot removed
 * @param names who wrote and where, as far as Telegram says, for the bot's directory of users
 * @param repliedToBot the id of the bot's message this one replies to, or null
 * @param messageId the id of this message in its chat, or null when not known
 * @param addressed true when the user clearly spoke to this bot: a private chat, a reply to one of
 *     its messages, a mention, or a command with its {@code @username}
 * @param languageCode the language the user reads: Telegram's {@code language_code} as it arrives (may be
 *     null), replaced by the user's {@code /language} choice once the commands have looked it up
 */
public record Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed, Names names,
                       Integer repliedToBot, Integer messageId, String languageCode) {
    public Incoming {
        Objects.requireNonNull(chatKind, "chatKind");
        text = text == null ? "" : text;
        names = names == null ? Names.UNKNOWN : names;
    }

    public Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed, Names names,
                    Integer repliedToBot, Integer messageId) {
        this(chatId, chatKind, userId, text, addressed, names, repliedToBot, messageId, null);
    }

    public Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed, Names names,
                    Integer repliedToBot) {
        this(chatId, chatKind, userId, text, addressed, names, repliedToBot, null);
    }

    public Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed, Names names) {
        this(chatId, chatKind, userId, text, addressed, names, null, null);
    }

    public Incoming(long chatId, ChatKind chatKind, long userId, String text, boolean addressed) {
        this(chatId, chatKind, userId, text, addressed, Names.UNKNOWN, null, null);
    }

    /** The same message with other text (the question without its command). */
    public Incoming withText(String other) {
        return new Incoming(chatId, chatKind, userId, other, addressed, names, repliedToBot, messageId, languageCode);
    }

    /** The same message, read in the language {@code code} ({@code en}, {@code ru}). */
    public Incoming withLanguage(String code) {
        return new Incoming(chatId, chatKind, userId, text, addressed, names, repliedToBot, messageId, code);
    }

    /** What the bot says to this user, in their language. */
    public Texts texts() {
        return Texts.forCode(languageCode);
    }

    public boolean inGroup() {
        return chatKind == ChatKind.GROUP;
    }

    /**
     * How Telegram names the user and the chat; any may be {@code null}.
     *
     * @param chatType Telegram's chat type: {@code private}, {@code group}, {@code supergroup}
     */
    public record Names(String username, String firstName, String chatType, String chatTitle) {
        public static final Names UNKNOWN = new Names(null, null, null, null);
    }
}
