package dev.chorus.store;

import dev.chorus.orchestration.ConversationStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * Chat settings, conversations and sent answers in SQLite, so that a reply to an answer, the
 * "Why this model?" button and a chat's mode survive a restart. Thread-safe.
 */
public final class Conversations implements ConversationStore {
    /** More turns than any model's context holds; the context fitter trims what is sent. */
    private static final int MAX_TURNS = 200;

    private final ConversationDao dao;
    private final Clock clock;

    public Conversations(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(ConversationDao.class);
        this.clock = clock;
    }

    @Override
    public Optional<ChatSettings> settings(long chatId) {
        return guard(() -> dao.settings(chatId));
    }

    @Override
    public void saveSettings(long chatId, ChatSettings settings, long by) {
        guard(() -> {
            dao.saveSettings(chatId, settings.mode(), settings.pinnedModel(), settings.allowEscalation(),
                    clock.instant().toString(), by);
            return null;
        });
    }

    /** The chat's open conversation, if any. */
    @Override
    public Optional<Long> current(long chatId) {
        return guard(() -> dao.current(chatId));
    }

    /** Closes the chat's conversations and starts a new one. */
    @Override
    public long startNew(long chatId, long userId) {
        return guard(() -> {
            dao.closeAll(chatId);
            return dao.start(chatId, userId, clock.instant().toString());
        });
    }

    /** Closes the chat's conversations: the next question starts fresh ({@code /new}). */
    @Override
    public void close(long chatId) {
        guard(() -> dao.closeAll(chatId));
    }

    @Override
    public void addTurn(long conversationId, String role, String content, String model) {
        guard(() -> {
            dao.addTurn(conversationId, role, content, model, clock.instant().toString());
            return null;
        });
    }

    /** The conversation's turns, oldest first (at most the latest {@value #MAX_TURNS}). */
    @Override
    public List<Turn> turns(long conversationId) {
        return guard(() -> dao.turns(conversationId, MAX_TURNS));
    }

    /** Records an answer before it is sent; link it to its Telegram message once that exists. */
    @Override
    public long recordAnswer(long chatId, Long conversationId, String model, String explanation, String question,
                             String strategy) {
        return guard(() -> dao.addAnswer(chatId, conversationId, model, explanation, question, strategy,
                clock.instant().toString()));
    }

    @Override
    public void linkAnswer(long answerId, int messageId) {
        guard(() -> {
            dao.linkAnswer(answerId, messageId);
            return null;
        });
    }

    /** The conversation the bot's message {@code messageId} belongs to. */
    @Override
    public Optional<Long> conversationOf(long chatId, int messageId) {
        return guard(() -> dao.conversationOf(chatId, messageId));
    }

    @Override
    public Optional<Long> answerOf(long chatId, int messageId) {
        return guard(() -> dao.answerOf(chatId, messageId));
    }

    @Override
    public Optional<String> explanation(long answerId, long chatId) {
        return guard(() -> dao.explanation(answerId, chatId));
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read or write conversations", e);
        }
    }
}
