package dev.chorus.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for questions in progress. */
interface QuestionDao {
    @SqlUpdate("""
            INSERT INTO questions (chat_id, user_id, in_group, text, message_id, replied_to_bot, cloud_allowed,
                                   command, confirmed, started_at, owner)
            VALUES (:chat, :user, :group, :text, :message, :repliedTo, :cloud, :command, :confirmed, :at, :owner)
            """)
    @GetGeneratedKeys("id")
    long insert(@Bind("chat") long chatId, @Bind("user") long userId, @Bind("group") boolean inGroup,
                @Bind("text") String text, @Bind("message") Integer messageId, @Bind("repliedTo") Integer repliedToBot,
                @Bind("cloud") boolean cloudAllowed, @Bind("command") String command,
                @Bind("confirmed") boolean confirmed, @Bind("at") String at, @Bind("owner") String owner);

    @SqlUpdate("UPDATE questions SET preview_message_id = :message WHERE id = :id")
    void preview(@Bind("id") long id, @Bind("message") int messageId);

    @SqlUpdate("UPDATE questions SET state = :state WHERE id = :id")
    void setState(@Bind("id") long id, @Bind("state") String state);

    @SqlUpdate("UPDATE questions SET state = 'running', owner = :me WHERE id = :id AND state = 'offered'")
    int take(@Bind("id") long id, @Bind("me") String me);

    @SqlUpdate("UPDATE questions SET state = 'running', runs = runs + 1, started_at = :at WHERE id = :id")
    void rerun(@Bind("id") long id, @Bind("at") String at);

    /** No Telegram chat has id 0: {@link #abandoned} of every chat. */
    long ANY_CHAT = 0;

    /**
     * Running questions whose reply never reached the outbox and whose process stopped: not
     * {@code me}, and not beaten since {@code alive}; of one chat, or of {@link #ANY_CHAT}.
     */
    @SqlQuery("""
            SELECT id, chat_id, user_id, in_group, text, message_id, replied_to_bot, cloud_allowed, preview_message_id,
                   runs, started_at, command, confirmed, owner
            FROM questions q
            WHERE state = 'running' AND (:chat = 0 OR chat_id = :chat)
              AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.question_id = q.id)
              AND (owner IS NULL OR (owner <> :me AND owner NOT IN (SELECT id FROM replicas WHERE seen_at >= :alive)))
            ORDER BY id
            """)
    @RegisterConstructorMapper(Row.class)
    List<Row> abandoned(@Bind("me") String me, @Bind("alive") String alive, @Bind("chat") long chatId);

    @SqlUpdate("UPDATE questions SET owner = NULL WHERE id = :id AND owner = :me")
    int letGo(@Bind("id") long id, @Bind("me") String me);

    /** Takes a question over from the process {@code was} (null: none); 0 when another took it first. */
    @SqlUpdate("""
            UPDATE questions SET owner = :me
            WHERE id = :id AND state = 'running' AND (owner = :was OR (owner IS NULL AND :was IS NULL))
            """)
    int takeOver(@Bind("id") long id, @Bind("was") String was, @Bind("me") String me);

    @SqlQuery("""
            SELECT id, chat_id, user_id, in_group, text, message_id, replied_to_bot, cloud_allowed, preview_message_id,
                   runs, started_at, command, confirmed, owner
            FROM questions WHERE id = :id
            """)
    @RegisterConstructorMapper(Row.class)
    Optional<Row> find(@Bind("id") long id);

    @SqlUpdate("UPDATE questions SET state = 'done' WHERE state = 'running' AND id IN (SELECT question_id FROM outbox)")
    int closeAnswered();

    @SqlUpdate("DELETE FROM questions WHERE state = 'done' AND started_at < :before")
    int prune(@Bind("before") String before);

    record Row(long id, long chatId, long userId, boolean inGroup, String text, Integer messageId, Integer repliedToBot,
               boolean cloudAllowed, Integer previewMessageId, int runs, String startedAt, String command,
               boolean confirmed, String owner) {
    }
}
