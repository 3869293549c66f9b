package dev.chorus.orchestration;

import java.util.List;
import java.util.Optional;

/**
 * Where {@link ChatSessions} keeps each chat's routing choices, its conversations and the answers
 * sent, so that they survive a restart. The store implements this. Implementations are thread-safe.
 */
public interface ConversationStore {
    Optional<ChatSettings> settings(long chatId);

    void saveSettings(long chatId, ChatSettings settings, long by);

    /** The chat's open conversation, if any. */
    Optional<Long> current(long chatId);

    /** Closes the chat's conversations and starts a new one. */
    long startNew(long chatId, long userId);

    /** Closes the chat's conversations: the next question starts fresh ({@code /new}). */
    void close(long chatId);

    void addTurn(long conversationId, String role, String content, String model);

    /** The conversation's latest turns, oldest first. */
    List<Turn> turns(long conversationId);

    /**
     * Records an answer before it is sent; link it to its Telegram message once that exists.
     * {@code strategy} is the /multi strategy that produced it, or null for one model.
     */
    long recordAnswer(long chatId, Long conversationId, String model, String explanation, String question,
                      String strategy);

    void linkAnswer(long answerId, int messageId);

    /** The conversation the bot's message {@code messageId} belongs to. */
    Optional<Long> conversationOf(long chatId, int messageId);

    Optional<String> explanation(long answerId, long chatId);

    /** The answer the bot's message {@code messageId} is part of. */
    Optional<Long> answerOf(long chatId, int messageId);

    /** A chat's routing choices as stored; {@code pinnedModel} may be null. */
    record ChatSettings(String mode, String pinnedModel, boolean allowEscalation) {
    }

    /** One stored turn of a conversation: {@code role} is user or assistant. */
    record Turn(String role, String content) {
    }
}
