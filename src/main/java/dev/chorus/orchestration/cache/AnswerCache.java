package dev.chorus.orchestration.cache;

import java.time.Instant;
import java.util.Optional;

/** Answers kept per chat for repeated questions. The store implements it; {@link CachedAnswers} puts memory in front. */
public interface AnswerCache {
    Optional<Entry> find(long chatId, String questionKey);

    void put(long chatId, String questionKey, Entry entry);

    /**
     * One kept answer.
     *
     * @param costMicros what the answer cost when it was written: what serving it again saves
     */
    record Entry(String answer, String model, long costMicros, Instant at) {
    }

    AnswerCache NONE = new AnswerCache() {
        @Override
        public Optional<Entry> find(long chatId, String questionKey) {
            return Optional.empty();
        }

        @Override
        public void put(long chatId, String questionKey, Entry entry) {
        }
    };
}
