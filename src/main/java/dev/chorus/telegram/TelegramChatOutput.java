package dev.chorus.telegram;

import dev.chorus.command.ChatOutput;
import dev.chorus.command.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import java.io.ByteArrayInputStream;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;

/**
 * Replies into one chat. In groups the first part of a reply quotes the question, so a busy chat
 * can see what was answered.
 */
final class TelegramChatOutput implements ChatOutput {
    private static final Logger log = LoggerFactory.getLogger(TelegramChatOutput.class);
    // Telegram shows a chat action for five seconds; renewing a little sooner keeps it steady.
    private static final Duration TYPING_RENEWAL = Duration.ofSeconds(4);

    private final long chatId;
    private final Integer replyToMessageId;
    private final TelegramGateway gateway;
    private final MessageFormatter formatter;

    TelegramChatOutput(long chatId, Integer replyToMessageId, TelegramGateway gateway, MessageFormatter formatter) {
        this.chatId = chatId;
        this.replyToMessageId = replyToMessageId;
        this.gateway = gateway;
        this.formatter = formatter;
    }

    @Override
    public Typing typing() {
        // The first action goes out before the work starts, so even a fast answer shows it.
        sendTyping();
        Thread renewer = Thread.ofVirtual().name("typing-" + chatId).start(() -> {
            while (true) {
                try {
                    Thread.sleep(TYPING_RENEWAL);
                } catch (InterruptedException e) {
                    return;
                }
                sendTyping();
            }
        });
        return renewer::interrupt;
    }

    private void sendTyping() {
        try {
            gateway.call(chatId, SendChatAction.builder().chatId(chatId).action(ActionType.TYPING.toString()).build(),
                    TelegramGateway.NO_PATIENCE);
        } catch (TelegramGateway.RejectedCall e) {
            log.debug("chat action refused in chat {}: {}", chatId, e.getMessage());
        }
    }

    @Override
    public List<Integer> send(Reply reply) {
        return sendParts(formatter.format(reply), reply.buttons(), replyToMessageId);
    }

    /** Sends formatted parts; the buttons go under the last one. Returns the ids of the messages sent. */
    List<Integer> sendParts(List<String> parts, List<Reply.Button> buttons, Integer replyTo) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            InlineKeyboardMarkup keyboard = i == parts.size() - 1 ? Keyboards.of(buttons) : null;
            sendHtml(parts.get(i), i == 0 ? replyTo : null, keyboard).ifPresent(ids::add);
        }
        return ids;
    }

    @Override
    public AnswerStream startAnswer() {
        return LiveAnswer.start(chatId, replyToMessageId, this, gateway, formatter);
    }

    @Override
    public void acknowledge(String callbackId, String text) {
        try {
            gateway.call(chatId, AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(text).build(),
                    TelegramGateway.NO_PATIENCE);
        } catch (TelegramGateway.RejectedCall e) {
            log.debug("callback {} not acknowledged: {}", callbackId, e.getMessage());
        }
    }

    @Override
    public void sendPhoto(byte[] png, String caption) {
        // Telegram allows 1,024 characters of caption.
        String shortCaption = caption.length() > 1000 ? caption.substring(0, 999) + "…" : caption;
        try {
            gateway.sendPhoto(chatId, SendPhoto.builder().chatId(chatId)
                    .photo(new InputFile(new ByteArrayInputStream(png), "usage.png"))
                    .caption(shortCaption).build());
        } catch (TelegramGateway.RejectedCall e) {
            log.warn("Telegram rejected a photo to chat {}: [{}] {}", chatId, e.errorCode(), e.getMessage());
        }
    }

    Optional<Integer> sendHtml(String html, Integer replyTo, InlineKeyboardMarkup keyboard) {
        try {
            return gateway.call(chatId, message(html, ParseMode.HTML, replyTo, keyboard)).map(Message::getMessageId);
        } catch (TelegramGateway.RejectedCall e) {
            if (e.getMessage() != null && e.getMessage().contains("can't parse entities")) {
                // Our HTML is escaped by construction; should Telegram still disagree, the
                // answer goes out as plain text rather than not at all.
                log.warn("Telegram rejected our HTML in chat {}: {}", chatId, e.getMessage());
                return sendPlain(PlainText.fromHtml(html), replyTo, keyboard);
            } else if (e.getMessage() != null && e.getMessage().contains("message to be replied not found")) {
                return sendHtml(html, null, keyboard);
            }
            log.warn("Telegram rejected a message to chat {}: [{}] {}", chatId, e.errorCode(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Integer> sendPlain(String text, Integer replyTo, InlineKeyboardMarkup keyboard) {
        try {
            return gateway.call(chatId, message(text, null, replyTo, keyboard)).map(Message::getMessageId);
        } catch (TelegramGateway.RejectedCall e) {
            log.warn("Telegram rejected a plain message to chat {}: [{}] {}", chatId, e.errorCode(), e.getMessage());
            return Optional.empty();
        }
    }

    private SendMessage message(String text, String parseMode, Integer replyTo, InlineKeyboardMarkup keyboard) {
        SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder()
                .chatId(chatId)
                .text(text)
                .parseMode(parseMode)
                .replyMarkup(keyboard)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (replyTo != null) {
            builder.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
        }
        return builder.build();
    }
}
