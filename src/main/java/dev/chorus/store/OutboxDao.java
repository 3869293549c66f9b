package dev.chorus.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** SQL for the outbox of messages owed to chats. */
interface OutboxDao {
    @SqlUpdate("""
            INSERT INTO outbox (chat_id, kind, text, html, reply_to, edit_message_id, markup, answer_id, question_id,
                                created_at, next_attempt_at, claimed_by, claimed_until)
            VALUES (:chat, :m.kindName, :m.text, :m.html, :m.replyTo, :m.editMessageId, :m.markup, :m.answerId,
                    :m.questionId, :at, :at, :me, :until)
            """)
    void insert(@Bind("chat") long chatId, @BindMethods("m") Outbox.Message message, @Bind("at") String at,
                @Bind("me") String me, @Bind("until") String until);

    /** Written claimed by the process that wrote them: it sends them, at its chats' pace. */
    @Transaction
    default void insertAll(long chatId, List<Outbox.Message> messages, String at, String me, String until) {
        for (Outbox.Message message : messages) {
            insert(chatId, message, at, me, until);
        }
    }

    /**
     * Chats whose oldest pending message may be tried now and is not being sent by another process,
     * longest waiting first.
     */
    @SqlQuery("""
            SELECT o.chat_id FROM outbox o
            WHERE o.state = 'pending' AND o.next_attempt_at <= :now
              AND (o.claimed_by IS NULL OR o.claimed_by = :me OR o.claimed_until < :now
                   OR o.claimed_by NOT IN (SELECT id FROM replicas WHERE seen_at >= :alive))
              AND o.id = (SELECT MIN(id) FROM outbox WHERE chat_id = o.chat_id AND state = 'pending')
            ORDER BY o.id LIMIT :limit
            """)
    List<Long> chatsDue(@Bind("now") String now, @Bind("me") String me, @Bind("alive") String alive,
                        @Bind("limit") int limit);

    /**
     * Takes message {@code id} to send it until {@code until}: 0 when another process has it. The
     * one that has it sends it; the others leave it alone until that one's claim has run out or that
     * one has stopped beating (not since {@code alive}).
     */
    @SqlUpdate("""
            UPDATE outbox SET claimed_by = :me, claimed_until = :until
            WHERE id = :id AND state = 'pending' AND (claimed_by IS NULL OR claimed_by = :me OR claimed_until < :now
                  OR claimed_by NOT IN (SELECT id FROM replicas WHERE seen_at >= :alive))
            """)
    int claim(@Bind("id") long id, @Bind("me") String me, @Bind("now") String now, @Bind("until") String until,
              @Bind("alive") String alive);

    @SqlQuery("""
            SELECT id, chat_id, kind, text, html, reply_to, edit_message_id, markup, answer_id, question_id,
                   created_at, next_attempt_at, attempts
            FROM outbox WHERE chat_id = :chat AND state = 'pending' ORDER BY id LIMIT 1
            """)
    @RegisterConstructorMapper(Row.class)
    Optional<Row> head(@Bind("chat") long chatId);

    /** When a pending message is next due; one another process is sending counts from its claim's end. */
    @SqlQuery("""
            SELECT MIN(CASE WHEN claimed_by IS NOT NULL AND claimed_by <> :me AND claimed_until > next_attempt_at
                            THEN claimed_until ELSE next_attempt_at END)
            FROM outbox WHERE state = 'pending'
            """)
    Optional<String> nextDue(@Bind("me") String me);

    @SqlUpdate("UPDATE outbox SET state = 'sent', message_id = :message, attempts = attempts + 1 WHERE id = :id")
    void markSent(@Bind("id") long id, @Bind("message") Integer messageId);

    @SqlUpdate("""
            INSERT INTO answer_messages (chat_id, message_id, answer_id)
            SELECT chat_id, :message, answer_id FROM outbox WHERE id = :id AND answer_id IS NOT NULL
            ON CONFLICT (chat_id, message_id) DO UPDATE SET answer_id = excluded.answer_id
            """)
    void linkAnswer(@Bind("id") long id, @Bind("message") int messageId);

    @Transaction
    default void sent(long id, Integer messageId) {
        markSent(id, messageId);
        if (messageId != null) {
            linkAnswer(id, messageId);
        }
    }

    @SqlUpdate("""
            UPDATE outbox SET next_attempt_at = :at, attempts = attempts + 1, last_error = :error,
                claimed_until = :until
            WHERE id = :id AND state = 'pending'
            """)
    void retry(@Bind("id") long id, @Bind("at") String at, @Bind("error") String error, @Bind("until") String until);

    @SqlUpdate("""
            UPDATE outbox SET kind = :m.kindName, text = :m.text, html = :m.html, reply_to = :m.replyTo,
                edit_message_id = :m.editMessageId
            WHERE id = :id AND state = 'pending'
            """)
    void rewrite(@Bind("id") long id, @BindMethods("m") Outbox.Message message);

    @SqlUpdate("UPDATE outbox SET state = :state, last_error = :error WHERE id = :id AND state = 'pending'")
    void close(@Bind("id") long id, @Bind("state") String state, @Bind("error") String error);

    @SqlQuery("SELECT COUNT(*) FROM outbox WHERE state = :state")
    long count(@Bind("state") String state);

    @SqlUpdate("DELETE FROM outbox WHERE state <> 'pending' AND created_at < :before")
    int prune(@Bind("before") String before);

    record Row(long id, long chatId, String kind, String text, boolean html, Integer replyTo, Integer editMessageId,
               String markup, Long answerId, Long questionId, String createdAt, String nextAttemptAt, int attempts) {
    }
}
