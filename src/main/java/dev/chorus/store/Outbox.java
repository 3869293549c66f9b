package dev.chorus.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Messages the bot owes its chats, kept in the database until Telegram has accepted them: an answer is
 * written here before it is sent, so neither a Telegram outage nor a restart loses it. Messages of
 * one chat leave in the order they were written. When a sent message belongs to an answer, its
 * Telegram id is linked to that answer in the same transaction (replies and buttons find it).
 * With processes sharing the database, a message is claimed by the one that wrote it (it owns the
 * chat and knows its pace) and only that one sends it; another takes it only once that claim has
 * run out, when the writer stopped.
 * Thread-safe.
 */
public final class Outbox {
    /** How long a process may take to send one message before another may send it instead. */
    static final Duration CLAIM = Duration.ofSeconds(30);

    private final OutboxDao dao;
    private final Database database;
    private final Clock clock;

    public Outbox(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(OutboxDao.class);
        this.database = database;
        this.clock = clock;
    }

    /** What a message does: a new message, or an edit that turns an existing one into this text. */
    public enum Kind {
        SEND, EDIT
    }

    /** How a message left the outbox other than by being sent. */
    public enum Ending {
        /** Telegram refused it for good (a malformed request). */
        REJECTED,
        /** The chat does not take messages from the bot (blocked, left, deleted). */
        UNDELIVERABLE,
        /** It waited longer than the outbox keeps messages. */
        EXPIRED;

        String column() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One message to deliver.
     *
     * @param text Telegram HTML when {@code html}, else plain text
     * @param replyTo the message it replies to, or null
     * @param editMessageId for {@link Kind#EDIT}, the message to edit
     * @param markup the inline keyboard as Bot API JSON, or null
     * @param answerId the answer this message is a part of, or null
     * @param questionId the question this message concludes, or null
     */
    public record Message(Kind kind, String text, boolean html, Integer replyTo, Integer editMessageId, String markup,
                          Long answerId, Long questionId) {
        public Message {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            if (kind == Kind.EDIT && editMessageId == null) {
                throw new IllegalArgumentException("an edit needs the message to edit");
            }
        }

        public static Message send(String text, boolean html, Integer replyTo, String markup, Long answerId,
                                   Long questionId) {
            return new Message(Kind.SEND, text, html, replyTo, null, markup, answerId, questionId);
        }

        /** Bound by the DAO: the kind as stored. */
        public String kindName() {
            return kind.name().toLowerCase(Locale.ROOT);
        }

        public Message asPlainText(String plain) {
            return new Message(kind, plain, false, replyTo, editMessageId, markup, answerId, questionId);
        }

        public Message withoutReply() {
            return new Message(kind, text, html, null, editMessageId, markup, answerId, questionId);
        }

        /** An edit whose message is gone becomes a new message. */
        public Message asNewMessage() {
            return new Message(Kind.SEND, text, html, replyTo, null, markup, answerId, questionId);
        }
    }

    /** A message waiting to go out. */
    public record Pending(long id, long chatId, Message message, Instant createdAt, Instant nextAttemptAt,
                          int attempts) {
    }

    /** Writes {@code messages} for {@code chatId}, all or none. */
    public void enqueue(long chatId, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        guard(() -> {
            Instant now = clock.instant();
            dao.insertAll(chatId, messages, now.toString(), database.replicaId(), now.plus(CLAIM).toString());
            return null;
        });
    }

    /** Chats whose next message may be tried now, at most {@code limit}. */
    public List<Long> chatsDue(int limit) {
        return guard(() -> dao.chatsDue(clock.instant().toString(), database.replicaId(), database.aliveSince(), limit));
    }

    /** The chat's oldest pending message: nothing after it goes out before it. */
    public Optional<Pending> head(long chatId) {
        return guard(() -> dao.head(chatId).map(Outbox::pending));
    }

    /**
     * The chat's oldest pending message, taken for this process to send (for {@link #CLAIM} at
     * most) if it is due: empty when there is none or another process is sending it, so no two
     * send one message. One not due yet is returned without being taken.
     */
    public Optional<Pending> claimHead(long chatId) {
        Instant now = clock.instant();
        return guard(() -> dao.head(chatId).map(Outbox::pending)
                .filter(head -> head.nextAttemptAt().isAfter(now)
                        || dao.claim(head.id(), database.replicaId(), now.toString(), now.plus(CLAIM).toString(),
                        database.aliveSince()) > 0));
    }

    /** When the next pending message is due, if any is pending. */
    public Optional<Instant> nextDue() {
        return guard(() -> dao.nextDue(database.replicaId()).map(Instant::parse));
    }

    /** Telegram accepted it as {@code messageId} (null when Telegram did not say, as for some edits). */
    public void sent(long id, Integer messageId) {
        guard(() -> {
            dao.sent(id, messageId);
            return null;
        });
    }

    /** Try again after {@code wait}. */
    public void retryIn(long id, Duration wait, String error) {
        guard(() -> {
            Instant next = clock.instant().plus(wait);
            // still this process's to send: it knows the chat's pace; another takes it only if this one stops
            dao.retry(id, next.toString(), error, next.plus(CLAIM).toString());
            return null;
        });
    }

    /** Replaces what will be sent (plain text after an HTML refusal, no reply after the original went). */
    public void rewrite(long id, Message message) {
        guard(() -> {
            dao.rewrite(id, message);
            return null;
        });
    }

    public void end(long id, Ending ending, String error) {
        guard(() -> {
            dao.close(id, ending.column(), error);
            return null;
        });
    }

    /** How many messages wait now. */
    public long pending() {
        return guard(() -> dao.count("pending"));
    }

    /** How many messages were given up as too old (kept for a week). */
    public long expired() {
        return guard(() -> dao.count(Ending.EXPIRED.column()));
    }

    /** Forgets messages that left the outbox more than {@code age} ago. */
    public int prune(Duration age) {
        return guard(() -> dao.prune(clock.instant().minus(age).toString()));
    }

    private static Pending pending(OutboxDao.Row row) {
        Message message = new Message(Kind.valueOf(row.kind().toUpperCase(Locale.ROOT)), row.text(), row.html(),
                row.replyTo(), row.editMessageId(), row.markup(), row.answerId(), row.questionId());
        return new Pending(row.id(), row.chatId(), message, Instant.parse(row.createdAt()),
                Instant.parse(row.nextAttemptAt()), row.attempts());
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read or write the outbox", e);
        }
    }
}
