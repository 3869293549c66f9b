package dev.chorus.telegram;

import dev.chorus.command.ChatOutput;
import dev.chorus.command.Reply;
import dev.chorus.store.Outbox;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.InputFile;

/**
 * Replies into one chat. Messages go through the outbox, so they arrive in order and survive an
 * outage; typing actions, previews, photos and button toasts are sent directly, as they are worth
 * nothing later. In groups the first part of a reply quotes the question, so a busy chat can see
 * what was answered.
 */
final class TelegramChatOutput implements ChatOutput {
    private static final Logger log = LoggerFactory.getLogger(TelegramChatOutput.class);
    // Telegram shows a chat action for five seconds; renewing a little sooner keeps it steady.
    private static final Duration TYPING_RENEWAL = Duration.ofSeconds(4);

    private final long chatId;
    private final Integer replyToMessageId;
    private final TelegramGateway gateway;
    private final MessageFormatter formatter;
    private final Mailroom mailroom;

    private final SendPacer pacer;

    TelegramChatOutput(long chatId, Integer replyToMessageId, TelegramGateway gateway, MessageFormatter formatter,
                       Mailroom mailroom) {
        this(chatId, replyToMessageId, gateway, formatter, mailroom, SendPacer.NONE);
    }

    TelegramChatOutput(long chatId, Integer replyToMessageId, TelegramGateway gateway, MessageFormatter formatter,
                       Mailroom mailroom, SendPacer pacer) {
        this.pacer = pacer;
        this.chatId = chatId;
        this.replyToMessageId = replyToMessageId;
        this.gateway = gateway;
        this.formatter = formatter;
        this.mailroom = mailroom;
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
    public void send(Reply reply) {
        post(reply, null);
    }

    @Override
    public void edit(int messageId, Reply reply) {
        post(reply, messageId);
    }

    /**
     * Writes the reply's parts to the outbox in one go; with {@code editFirst} the first part
     * replaces that message's text. The buttons go under the last part.
     */
    void post(Reply reply, Integer editFirst) {
        List<String> parts = formatter.format(reply);
        String markup = OutboxSender.markupJson(Keyboards.of(reply.buttons()));
        List<Outbox.Message> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String buttons = i == parts.size() - 1 ? markup : null;
            if (i == 0 && editFirst != null) {
                messages.add(new Outbox.Message(Outbox.Kind.EDIT, parts.get(i), true, null, editFirst, buttons,
                        reply.answerId(), reply.questionId()));
            } else {
                messages.add(Outbox.Message.send(parts.get(i), true, i == 0 ? replyToMessageId : null, buttons,
                        reply.answerId(), reply.questionId()));
            }
        }
        mailroom.post(chatId, messages);
    }

    @Override
    public AnswerStream startAnswer(IntConsumer previewShown) {
        return LiveAnswer.start(chatId, replyToMessageId, this, gateway, previewShown, pacer);
    }

    @Override
    public AnswerStream startAnswer(IntConsumer previewShown, String waitingNotice) {
        return LiveAnswer.start(chatId, replyToMessageId, this, gateway, previewShown, pacer, waitingNotice);
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
}
