package dev.chorus.telegram;

import dev.chorus.command.Callback;
import dev.chorus.command.ChatCommands;
import dev.chorus.command.Incoming;
import dev.chorus.command.Reply;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Receives batches of updates from long polling and hands each message to the commands on its
 * chat's queue, so chats are served concurrently and each chat in order.
 */
final class UpdateHandler implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
    // The notices sent from here go by the language Telegram reports, not a /language choice: they are
    // sent on the polling thread or after a failure, where no lookup in the store should be needed.

    private final UpdateTranslator translator;
    private final ChatCommands commands;
    private final Outputs outputs;
    private final ChatSerialExecutor executor;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    UpdateHandler(UpdateTranslator translator, ChatCommands commands, Outputs outputs, ChatSerialExecutor executor) {
        this(translator, commands, outputs, executor, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    UpdateHandler(UpdateTranslator translator, ChatCommands commands, Outputs outputs, ChatSerialExecutor executor,
                  io.micrometer.core.instrument.MeterRegistry metrics) {
        this.metrics = metrics;
        this.translator = translator;
        this.commands = commands;
        this.outputs = outputs;
        this.executor = executor;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            consume(update, () -> true, () -> { });
        }
    }

    /**
     * Queues one update on its chat's lane. {@code begin} runs when its work is about to begin and
     * may say no (the update was begun elsewhere already); {@code done} runs when it is over (at once
     * for an update with nothing to do or a full lane).
     */
    void consume(Update update, java.util.function.BooleanSupplier begin, Runnable done) {
        metrics.counter("chorus.updates", "type", typeOf(update)).increment();
        if (update.hasCallbackQuery()) {
            var translated = translator.callback(update.getCallbackQuery());
            if (translated.isEmpty()) {
                done.run();
                return;
            }
            Callback callback = translated.get();
            if (!executor.submit(new ChatSerialExecutor.Lane(callback.chatId(),
                    callback.chatKind() == dev.chorus.command.ChatKind.GROUP ? callback.userId() : 0),
                    tracked(() -> handle(callback), begin, done))) {
                done.run();
                outputFor(callback).acknowledge(callback.callbackId(), callback.texts().get("error.busy"));
            }
            return;
        }
        Message message = update.getMessage();
        if (message == null || message.getChatId() == null) {
            done.run();
            return;
        }
        boolean group = message.getChat() != null && !message.getChat().isUserChat() && message.getFrom() != null;
        ChatSerialExecutor.Lane lane = new ChatSerialExecutor.Lane(message.getChatId(),
                group ? message.getFrom().getId() : 0, group && changesTheChat(message.getText()));
        if (!executor.submit(lane, tracked(() -> handle(message), begin, done))) {
            done.run();
            if (translator.translate(message).isPresent()) {
                // Straight to the outbox: the chat's queue is what is full.
                outputFor(message).send(Reply.plain(telegramTexts(message).get("error.busy")));
            }
        }
    }

    void chatMovedHere(long chatId) {
        commands.chatMovedHere(chatId);
    }

    /** The chat an update belongs to, if any: the key its replicas order it by. */
    static java.util.Optional<Long> chatOf(Update update) {
        if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null) {
            return java.util.Optional.ofNullable(update.getCallbackQuery().getMessage().getChatId());
        }
        Message message = update.getMessage();
        return message == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(message.getChatId());
    }

    private static Runnable tracked(Runnable work, java.util.function.BooleanSupplier begin, Runnable done) {
        return () -> {
            try {
                if (begin.getAsBoolean()) {
                    work.run();
                }
            } finally {
                done.run();
            }
        };
    }

    /**
     * Whether a group message is a command other than a question: it may change what every member
     * gets (a budget, the mode), so later questions of everyone wait for it.
     */
    static boolean changesTheChat(String text) {
        return dev.chorus.command.CommandLine.parse(text)
                .filter(c -> !c.name().equals("ask") && !c.name().equals("multi")).isPresent();
    }

    private static String typeOf(Update update) {
        if (update.hasCallbackQuery()) {
            return "callback";
        }
        if (update.hasMessage()) {
            return update.getMessage().hasText() ? "message" : "other_message";
        }
        return update.hasEditedMessage() ? "edited" : update.hasChannelPost() ? "channel_post" : "other";
    }

    private static dev.chorus.i18n.Texts telegramTexts(Message message) {
        return dev.chorus.i18n.Texts.forCode(message.getFrom() == null ? null : message.getFrom().getLanguageCode());
    }

    private TelegramChatOutput outputFor(Callback callback) {
        return outputs.forChat(callback.chatId(),
                callback.chatKind() == dev.chorus.command.ChatKind.GROUP ? callback.messageId() : null);
    }

    private TelegramChatOutput outputFor(Message message) {
        return outputs.forChat(message.getChatId(), UpdateTranslator.isPrivate(message) ? null : message.getMessageId());
    }

    private void handle(Callback callback) {
        TelegramChatOutput out = outputFor(callback);
        long started = System.nanoTime();
        begin();
        String outcome = "handled";
        try {
            commands.handle(callback, out);
        } catch (RuntimeException e) {
            outcome = "error";
            log.error("failed to handle a button press in chat {}", callback.chatId(), e);
            out.acknowledge(callback.callbackId(), callback.texts().get("error.button"));
        } finally {
            end(callback.chatKind().name(), "button:" + callback.data().split(":", 2)[0], started, outcome);
        }
    }

    /** A request id for everything logged while this update is handled (the chat's own virtual thread). */
    private static void begin() {
        MDC.clear();
        MDC.put(REQUEST, Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()).substring(0, 8));
    }

    /**
     * One line per handled update: request id, chat kind, command, and what the answer flows noted
     * (model, cost, outcome). Never the message's text: at info level nothing a user wrote is logged.
     */
    private static void end(String kind, String command, long started, String outcome) {
        try {
            log.info("update handled request={} kind={} command={} model={} cost_micros={} took_ms={} outcome={}",
                    MDC.get(REQUEST), kind.toLowerCase(java.util.Locale.ROOT), command, orDash(MDC.get("model")),
                    orDash(MDC.get("cost_micros")), (System.nanoTime() - started) / 1_000_000,
                    MDC.get("outcome") != null ? MDC.get("outcome") : outcome);
        } finally {
            MDC.clear();
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    static final String REQUEST = "request";

    private void handle(Message message) {
        Optional<Incoming> incoming = translator.translate(message);
        TelegramChatOutput out = outputFor(message);
        if (incoming.isEmpty()) {
            if (UpdateTranslator.isPrivate(message) && message.getText() == null) {
                out.send(Reply.plain(telegramTexts(message).get("error.text_only")));
            }
            return;
        }
        long started = System.nanoTime();
        begin();
        String outcome = "handled";
        try {
            commands.handle(incoming.get(), out);
        } catch (RuntimeException e) {
            outcome = "error";
            log.error("failed to handle a message in chat {}", message.getChatId(), e);
            out.send(Reply.plain(incoming.get().texts().get("error.generic")));
        } finally {
            end(incoming.get().chatKind().name(), dev.chorus.command.CommandLine.parse(incoming.get().text())
                    .map(c -> "/" + c.name()).orElse("text"), started, outcome);
        }
    }
}
