package dev.chorus.store;

import dev.chorus.orchestration.ConversationStore.ChatSettings;
import dev.chorus.orchestration.ConversationStore.Turn;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for chat settings, conversations, turns and answers. */
interface ConversationDao {
    @SqlQuery("SELECT mode, pinned_model, allow_escalation FROM chat_settings WHERE chat_id = :chat")
    @RegisterConstructorMapper(ChatSettings.class)
    Optional<ChatSettings> settings(@Bind("chat") long chatId);

    @SqlUpdate("""
            INSERT INTO chat_settings (chat_id, mode, pinned_model, allow_escalation, updated_at, updated_by)
            VALUES (:chat, :mode, :pinned, :escalation, :at, :by)
            ON CONFLICT (chat_id) DO UPDATE SET mode = excluded.mode, pinned_model = excluded.pinned_model,
                allow_escalation = excluded.allow_escalation, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """)
    void saveSettings(@Bind("chat") long chatId, @Bind("mode") String mode, @Bind("pinned") String pinned,
                      @Bind("escalation") boolean escalation, @Bind("at") String at, @Bind("by") long by);

    @SqlQuery("SELECT id FROM conversations WHERE chat_id = :chat AND closed = 0 ORDER BY id DESC LIMIT 1")
    Optional<Long> current(@Bind("chat") long chatId);

    @SqlUpdate("INSERT INTO conversations (chat_id, started_by, started_at) VALUES (:chat, :user, :at)")
    @GetGeneratedKeys("id")
    long start(@Bind("chat") long chatId, @Bind("user") long userId, @Bind("at") String at);

    @SqlUpdate("UPDATE conversations SET closed = 1 WHERE chat_id = :chat AND closed = 0")
    int closeAll(@Bind("chat") long chatId);

    @SqlUpdate("INSERT INTO turns (conversation_id, role, content, model, at) VALUES (:c, :role, :content, :model, :at)")
    void addTurn(@Bind("c") long conversationId, @Bind("role") String role, @Bind("content") String content,
                 @Bind("model") String model, @Bind("at") String at);

    @SqlQuery("""
            SELECT role, content FROM (
                SELECT id, role, content FROM turns WHERE conversation_id = :c ORDER BY id DESC LIMIT :limit
            ) recent ORDER BY id
            """)
    @RegisterConstructorMapper(Turn.class)
    List<Turn> turns(@Bind("c") long conversationId, @Bind("limit") int limit);

    @SqlUpdate("""
            INSERT INTO answers (chat_id, conversation_id, model, explanation, question, strategy, at)
            VALUES (:chat, :c, :model, :explanation, :question, :strategy, :at)
            """)
    @GetGeneratedKeys("id")
    long addAnswer(@Bind("chat") long chatId, @Bind("c") Long conversationId, @Bind("model") String model,
                   @Bind("explanation") String explanation, @Bind("question") String question,
                   @Bind("strategy") String strategy, @Bind("at") String at);

    @SqlUpdate("""
            INSERT INTO answer_messages (chat_id, message_id, answer_id)
            SELECT chat_id, :message, id FROM answers WHERE id = :id
            ON CONFLICT (chat_id, message_id) DO UPDATE SET answer_id = excluded.answer_id
            """)
    void linkAnswer(@Bind("id") long answerId, @Bind("message") int messageId);

    @SqlQuery("""
            SELECT a.conversation_id FROM answer_messages m JOIN answers a ON a.id = m.answer_id
            WHERE m.chat_id = :chat AND m.message_id = :message
            """)
    Optional<Long> conversationOf(@Bind("chat") long chatId, @Bind("message") int messageId);

    @SqlQuery("SELECT answer_id FROM answer_messages WHERE chat_id = :chat AND message_id = :message")
    Optional<Long> answerOf(@Bind("chat") long chatId, @Bind("message") int messageId);

    @SqlQuery("SELECT explanation FROM answers WHERE id = :id AND chat_id = :chat")
    Optional<String> explanation(@Bind("id") long answerId, @Bind("chat") long chatId);
}
