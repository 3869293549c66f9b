package dev.chorus.orchestration;

import dev.chorus.orchestration.delegation.Mode;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.provider.ChatMessage;
import java.util.List;
import java.util.Optional;

/**
 * A chat's memory: its routing preferences and its conversations. In a private chat the current
 * conversation goes on until {@code /new}; in a group every new question starts one. A reply to one
 * of the bot's answers continues that answer's conversation, wherever it is. Thread-safe.
 */
public final class ChatSessions {
    private final ConversationStore store;
    private final Preferences defaults;

    /** @param defaults the preferences of a chat that never changed them (the admin's default pin) */
    public ChatSessions(ConversationStore store, Preferences defaults) {
        this.store = store;
        this.defaults = defaults;
    }

    public Preferences preferences(long chatId) {
        return store.settings(chatId).map(row -> new Preferences(Mode.of(row.mode()),
                Optional.ofNullable(row.pinnedModel()), row.allowEscalation())).orElse(defaults);
    }

    public void save(long chatId, Preferences preferences, long by) {
        store.saveSettings(chatId, new ConversationStore.ChatSettings(preferences.mode().key(),
                preferences.pinnedModel().orElse(null), preferences.allowEscalation()), by);
    }

    /**
     * The conversation a question belongs to, with its earlier turns.
     *
     * @param repliedTo the bot message the user replied to, if any
     */
    public Session open(long chatId, long userId, boolean group, Integer repliedTo) {
        Optional<Long> conversation = repliedTo == null ? Optional.empty() : store.conversationOf(chatId, repliedTo);
        if (conversation.isEmpty() && !group) {
            conversation = store.current(chatId);
        }
        long id = conversation.orElseGet(() -> store.startNew(chatId, userId));
        List<ChatMessage> history = store.turns(id).stream()
                .map(t -> "assistant".equals(t.role()) ? ChatMessage.assistant(t.content()) : ChatMessage.user(t.content()))
                .toList();
        return new Session(id, history);
    }

    /** Remembers a question and its answer as two turns of the conversation. */
    public void remember(long conversationId, String question, String answer, String model) {
        store.addTurn(conversationId, "user", question, null);
        store.addTurn(conversationId, "assistant", answer, model);
    }

    /** Forgets the chat's current conversation: the next question starts fresh. */
    public void reset(long chatId) {
        store.close(chatId);
    }

    public long recordAnswer(long chatId, long conversationId, String model, String explanation, String question,
                             String strategy) {
        return store.recordAnswer(chatId, conversationId, model, explanation, question, strategy);
    }

    public void linkAnswer(long answerId, List<Integer> messageIds) {
        for (int id : messageIds) {
            store.linkAnswer(answerId, id);
        }
    }

    /** The answer the bot's message {@code messageId} is part of. */
    public Optional<Long> answerOf(long chatId, int messageId) {
        return store.answerOf(chatId, messageId);
    }

    public Optional<String> explanation(long answerId, long chatId) {
        return store.explanation(answerId, chatId);
    }

    /** A conversation and what was said in it so far. */
    public record Session(long conversationId, List<ChatMessage> history) {
    }

}
