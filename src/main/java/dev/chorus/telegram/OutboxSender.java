package dev.chorus.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.store.Outbox;
import dev.chorus.store.StoreException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;

/**
 * Delivers the outbox: every chat's messages in order, many chats at once. A message that Telegram
 * did not take is tried again with growing pauses (or after the wait a flood limit asks for) until
 * it is accepted or older than the outbox keeps messages. A message Telegram answered for is never
 * sent twice; one whose request got no answer at all is sent again, since it most likely did not
 * arrive. Thread-safe.
 */
final class OutboxSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(60);
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Outbox outbox;
    private final TelegramGateway gateway;
    private final Clock clock;
    private final Duration expiry;
    private final Duration firstRetry;
    private final SendPacer pacer;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Long> busyChats = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private boolean woken;
    private volatile boolean running = true;
    private final Thread loop;

    OutboxSender(Outbox outbox, TelegramGateway gateway, Clock clock, Duration expiry) {
        this(outbox, gateway, clock, expiry, FIRST_RETRY);
    }

    OutboxSender(Outbox outbox, TelegramGateway gateway, Clock clock, Duration expiry, SendPacer pacer) {
        this(outbox, gateway, clock, expiry, FIRST_RETRY, pacer);
    }

    /** @param firstRetry the pause after a first failure; each further one doubles it, up to a minute */
    OutboxSender(Outbox outbox, TelegramGateway gateway, Clock clock, Duration expiry, Duration firstRetry) {
        this(outbox, gateway, clock, expiry, firstRetry, new SendPacer(SendPacer.TELEGRAM));
    }

    /** @param pacer keeps the sending under Telegram's limits */
    OutboxSender(Outbox outbox, TelegramGateway gateway, Clock clock, Duration expiry, Duration firstRetry,
                 SendPacer pacer) {
        this.pacer = pacer;
        this.outbox = outbox;
        this.gateway = gateway;
        this.clock = clock;
        this.expiry = expiry;
        this.firstRetry = firstRetry;
        this.loop = Thread.ofVirtual().name("outbox").unstarted(this::run);
    }

    void start() {
        loop.start();
    }

    /** New messages are waiting. */
    void wake() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The inline keyboard as the JSON the outbox stores. */
    static String markupJson(InlineKeyboardMarkup markup) {
        if (markup == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(markup);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an inline keyboard", e);
        }
    }

    private void run() {
        while (running) {
            try {
                for (long chatId : outbox.chatsDue(500)) {
                    if (busyChats.add(chatId)) {
                        senders.submit(() -> drain(chatId));
                    }
                }
                awaitWork();
            } catch (StoreException e) {
                log.error("cannot read the outbox; trying again shortly", e);
                pause(IDLE_CHECK);
            } catch (RuntimeException e) {
                log.error("outbox loop error", e);
                pause(IDLE_CHECK);
            }
        }
    }

    private void awaitWork() {
        Duration wait = IDLE_CHECK;
        Optional<Instant> next = outbox.nextDue();
        if (next.isPresent()) {
            Duration untilDue = Duration.between(clock.instant(), next.get());
            wait = untilDue.isNegative() ? Duration.ofMillis(50) : untilDue.compareTo(wait) < 0 ? untilDue : wait;
        }
        lock.lock();
        try {
            if (!woken && running) {
                work.awaitNanos(wait.toNanos());
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void drain(long chatId) {
        try {
            while (running) {
                Optional<Outbox.Pending> head = outbox.claimHead(chatId);
                if (head.isEmpty() || head.get().nextAttemptAt().isAfter(clock.instant())) {
                    return;
                }
                if (!deliver(head.get())) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.error("cannot deliver the outbox of chat {}", chatId, e);
        } finally {
            busyChats.remove(chatId);
            wake();
        }
    }

    /** Tries one message; true when the chat's next message may follow at once. */
    private boolean deliver(Outbox.Pending pending) {
        Outbox.Message message = pending.message();
        if (pending.createdAt().plus(expiry).isBefore(clock.instant())) {
            log.warn("gave up a message to chat {} after {} attempts: older than {} min", pending.chatId(),
                    pending.attempts(), expiry.toMinutes());
            outbox.end(pending.id(), Outbox.Ending.EXPIRED, "expired");
            return true;
        }
        try {
            pacer.awaitTurn(pending.chatId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        TelegramGateway.Attempt<? extends Serializable> attempt = gateway.once(pending.chatId(),
                method(pending.chatId(), message));
        switch (attempt) {
            case TelegramGateway.Attempt.Done<? extends Serializable> done -> {
                Integer id = done.result() instanceof Message m ? m.getMessageId()
                        : message.kind() == Outbox.Kind.EDIT ? message.editMessageId() : null;
                outbox.sent(pending.id(), id);
                return true;
            }
            case TelegramGateway.Attempt.Flood<? extends Serializable> flood -> {
                log.info("Telegram flood limit in chat {}: the next message waits {} s", pending.chatId(),
                        flood.retryAfter().toSeconds());
                outbox.retryIn(pending.id(), flood.retryAfter(), "flood limit");
                return false;
            }
            case TelegramGateway.Attempt.Unreachable<? extends Serializable> down -> {
                Duration wait = backoff(firstRetry, pending.attempts());
                log.warn("Telegram did not take a message to chat {} ({}); trying again in {} s", pending.chatId(),
                        down.why(), wait.toSeconds());
                outbox.retryIn(pending.id(), wait, down.why());
                return false;
            }
            case TelegramGateway.Attempt.Refused<? extends Serializable> refused -> {
                return refused(pending, refused.code(), refused.description());
            }
        }
    }

    private boolean refused(Outbox.Pending pending, int code, String description) {
        Outbox.Message message = pending.message();
        String text = description == null ? "" : description;
        if (code == 403) {
            outbox.end(pending.id(), Outbox.Ending.UNDELIVERABLE, text);
        } else if (text.contains("can't parse entities") && message.html()) {
            // Our HTML is escaped by construction; should Telegram still disagree, the message goes
            // out as plain text rather than not at all.
            log.warn("Telegram rejected our HTML in chat {}: {}", pending.chatId(), text);
            outbox.rewrite(pending.id(), message.asPlainText(PlainText.fromHtml(message.text())));
        } else if (text.contains("message to be replied not found") && message.replyTo() != null) {
            outbox.rewrite(pending.id(), message.withoutReply());
        } else if (message.kind() == Outbox.Kind.EDIT && text.contains("message is not modified")) {
            outbox.sent(pending.id(), message.editMessageId());
        } else if (message.kind() == Outbox.Kind.EDIT) {
            // The message to edit is gone or can no longer be edited: the text goes out as a new one.
            outbox.rewrite(pending.id(), message.asNewMessage());
        } else {
            log.warn("Telegram rejected a message to chat {}: [{}] {}", pending.chatId(), code, text);
            outbox.end(pending.id(), Outbox.Ending.REJECTED, "[" + code + "] " + text);
        }
        return true;
    }

    static Duration backoff(Duration first, int attempts) {
        Duration wait = first.multipliedBy(1L << Math.min(attempts, 10));
        return wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait;
    }

    private static BotApiMethod<? extends Serializable> method(long chatId, Outbox.Message m) {
        InlineKeyboardMarkup markup = markup(m.markup());
        String parseMode = m.html() ? "HTML" : null;
        if (m.kind() == Outbox.Kind.EDIT) {
            return EditMessageText.builder().chatId(chatId).messageId(m.editMessageId()).text(m.text())
                    .parseMode(parseMode).replyMarkup(markup)
                    .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build()).build();
        }
        SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder().chatId(chatId).text(m.text())
                .parseMode(parseMode).replyMarkup(markup)
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
        if (m.replyTo() != null) {
            builder.replyParameters(ReplyParameters.builder().messageId(m.replyTo()).allowSendingWithoutReply(true)
                    .build());
        }
        return builder.build();
    }

    private static InlineKeyboardMarkup markup(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, InlineKeyboardMarkup.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored inline keyboard", e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending; what is still pending stays in the outbox for the next start. */
    @Override
    public void close() {
        running = false;
        wake();
        senders.shutdown();
        try {
            if (!senders.awaitTermination(5, TimeUnit.SECONDS)) {
                senders.shutdownNow();
            }
            loop.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            senders.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
