package dev.chorus.orchestration.cache;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Answers kept per scope for repeated questions. The store implements it; {@link CachedAnswers} puts
 * memory and the matching in front.
 */
public interface AnswerCache {
    Optional<Entry> find(String scope, String questionKey);

    /** @param vector the question's embedding, or null when it has none (not embedded, or a language the model does not know) */
    void put(String scope, String questionKey, Entry entry, float[] vector);

    /** The newest kept questions of a scope with an embedding, written after {@code since}, newest first. */
    List<Kept> recent(String scope, Instant since, int limit);

    /** Whether a group's admins let its members be served each other's kept answers. */
    boolean shared(long chatId);

    void share(long chatId, boolean shared, long byUser);

    /** Forgets every answer kept in a chat, in all of its scopes; returns how many. */
    int clear(long chatId);

    /** Forgets the answers kept before {@code before}, which are never served; returns how many. */
    default int prune(Instant before) {
        return 0;
    }

    /**
     * One kept answer.
     *
     * @param question the question as it was asked, which the matching reads (capitals mark names)
     * @param costMicros what the answer cost when it was written: what serving it again saves
     */
    record Entry(String question, String answer, String model, long costMicros, Instant at) {
    }

    /** A kept question as the semantic index needs it. */
    record Kept(String questionKey, String question, float[] vector, Instant at) {
    }

    AnswerCache NONE = new AnswerCache() {
        @Override
        public Optional<Entry> find(String scope, String questionKey) {
            return Optional.empty();
        }

        @Override
        public void put(String scope, String questionKey, Entry entry, float[] vector) {
        }

        @Override
        public List<Kept> recent(String scope, Instant since, int limit) {
            return List.of();
        }

        @Override
        public boolean shared(long chatId) {
            return false;
        }

        @Override
        public void share(long chatId, boolean shared, long byUser) {
        }

        @Override
        public int clear(long chatId) {
            return 0;
        }
    };
}
