package dev.chorus.store;

import dev.chorus.orchestration.cache.AnswerCache;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** The answer cache in SQLite. Thread-safe. */
public final class JdbiAnswerCache implements AnswerCache {
    private final Database database;

    public JdbiAnswerCache(Database database) {
        this.database = database;
    }

    @Override
    public Optional<Entry> find(long chatId, String questionKey) {
        try {
            return database.jdbi().withHandle(h -> h.createQuery(
                            "SELECT answer, model, cost_micros, at FROM answer_cache WHERE chat_id = :c AND question_key = :k")
                    .bind("c", chatId).bind("k", questionKey)
                    .map((rs, ctx) -> new Entry(rs.getString("answer"), rs.getString("model"), rs.getLong("cost_micros"),
                            Instant.parse(rs.getString("at"))))
                    .findOne());
        } catch (JdbiException e) {
            throw new StoreException("cannot read the answer cache", e);
        }
    }

    @Override
    public void put(long chatId, String questionKey, Entry entry) {
        try {
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO answer_cache (chat_id, question_key, answer, model, cost_micros, at)
                            VALUES (:c, :k, :a, :m, :cost, :at)
                            ON CONFLICT (chat_id, question_key) DO UPDATE SET answer = excluded.answer,
                                model = excluded.model, cost_micros = excluded.cost_micros, at = excluded.at
                            """).bind("c", chatId).bind("k", questionKey).bind("a", entry.answer()).bind("m", entry.model())
                    .bind("cost", entry.costMicros()).bind("at", entry.at().toString()).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot write the answer cache", e);
        }
    }
}
