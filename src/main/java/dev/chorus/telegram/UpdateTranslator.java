package dev.chorus.telegram;

import dev.chorus.command.Callback;
import dev.chorus.command.ChatKind;
import dev.chorus.command.Incoming;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Decides which messages concern the bot and turns them into {@link Incoming}. In a private chat
 * everything does. In a group only what is addressed to the bot: a command (bare or with its
 * {@code @username}), a reply to one of its messages, or a mention; the rest of the group's talk is
 * none of its business.
 */
final class UpdateTranslator {
    private final BotIdentity bot;
    private final Pattern mention;

    UpdateTranslator(BotIdentity bot) {
        this.bot = bot;
        this.mention = Pattern.compile("(?i)(?<![\\w@])@" + Pattern.quote(bot.username()) + "\\b");
    }

    Optional<Incoming> translate(Message message) {
        if (message == null || message.getFrom() == null || message.getText() == null) {
            return Optional.empty();
        }
        String text = message.getText();
        long chatId = message.getChatId();
        long userId = message.getFrom().getId();
        Incoming.Names names = new Incoming.Names(message.getFrom().getUserName(), message.getFrom().getFirstName(),
                message.getChat().getType(), message.getChat().getTitle());
        Integer repliedToBot = message.getReplyToMessage() != null && message.getReplyToMessage().getFrom() != null
                && message.getReplyToMessage().getFrom().getId() == bot.id() ? message.getReplyToMessage().getMessageId()
                : null;
        String language = message.getFrom().getLanguageCode();
        if (message.isUserMessage()) {
            return Optional.of(new Incoming(chatId, ChatKind.PRIVATE, userId, text, true, names, repliedToBot,
                    message.getMessageId(), language));
        }
        if (!message.isGroupMessage() && !message.isSuperGroupMessage()) {
            return Optional.empty();
        }
        boolean command = startsWithCommand(message);
        boolean replyToBot = message.getReplyToMessage() != null && message.getReplyToMessage().getFrom() != null
                && message.getReplyToMessage().getFrom().getId() == bot.id();
        boolean mentioned = mention.matcher(text).find();
        if (command) {
            boolean named = text.regionMatches(true, commandLength(text), "@" + bot.username(), 0,
                    bot.username().length() + 1);
            return Optional.of(new Incoming(chatId, ChatKind.GROUP, userId, text, named || replyToBot, names,
                    repliedToBot, message.getMessageId(), language));
        }
        if (replyToBot || mentioned) {
            String question = mention.matcher(text).replaceAll(" ").strip().replaceAll("\\s{2,}", " ");
            return Optional.of(new Incoming(chatId, ChatKind.GROUP, userId, question, true, names, repliedToBot,
                    message.getMessageId(), language));
        }
        return Optional.empty();
    }

    /** A press of one of the bot's buttons, if the update is one with a message and data. */
    Optional<Callback> callback(CallbackQuery query) {
        if (query == null || query.getData() == null || !(query.getMessage() instanceof Message message)
                || query.getFrom() == null) {
            return Optional.empty();
        }
        return Optional.of(new Callback(message.getChatId(), message.isUserMessage() ? ChatKind.PRIVATE : ChatKind.GROUP,
                query.getFrom().getId(), message.getMessageId(), query.getId(), query.getData(),
                query.getFrom().getLanguageCode()));
    }

    /** Whether the chat is private, for a message the translator did not accept. */
    static boolean isPrivate(Message message) {
        return message != null && message.isUserMessage();
    }

    private static boolean startsWithCommand(Message message) {
        List<MessageEntity> entities = message.getEntities();
        if (entities != null) {
            for (MessageEntity entity : entities) {
                if ("bot_command".equals(entity.getType()) && entity.getOffset() == 0) {
                    return true;
                }
            }
        }
        return message.getText().startsWith("/");
    }

    private static int commandLength(String text) {
        int i = 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        return i;
    }
}
