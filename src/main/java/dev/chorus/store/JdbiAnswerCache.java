package dev.chorus.store;

import dev.chorus.orchestration.cache.AnswerCache;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;

/** The answer cache in SQLite. Thread-safe. */
public final class JdbiAnswerCache implements AnswerCache {
    private final Database database;
    private final Clock clock;

    public JdbiAnswerCache(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public Optional<Entry> find(String scope, String questionKey) {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT question, answer, model, cost_micros, at FROM answer_cache
                            WHERE scope = :s AND question_key = :k""")
                    .bind("s", scope).bind("k", questionKey)
                    .map((rs, ctx) -> new Entry(rs.getString("question"), rs.getString("answer"), rs.getString("model"),
                            rs.getLong("cost_micros"), Instant.parse(rs.getString("at"))))
                    .findOne());
        } catch (JdbiException e) {
            throw new StoreException("cannot read the answer cache", e);
        }
    }

    @Override
    public void put(String scope, String questionKey, Entry entry, float[] vector) {
        try {
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO answer_cache (scope, question_key, question, answer, model, cost_micros, at, embedding)
                            VALUES (:s, :k, :q, :a, :m, :cost, :at, :e)
                            ON CONFLICT (scope, question_key) DO UPDATE SET question = excluded.question,
                                answer = excluded.answer, model = excluded.model, cost_micros = excluded.cost_micros,
                                at = excluded.at, embedding = excluded.embedding
                            """).bind("s", scope).bind("k", questionKey).bind("q", entry.question())
                    .bind("a", entry.answer()).bind("m", entry.model()).bind("cost", entry.costMicros())
                    .bind("at", entry.at().toString()).bind("e", vector == null ? null : bytes(vector)).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot write the answer cache", e);
        }
    }

    @Override
    public List<Kept> recent(String scope, Instant since, int limit) {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT question_key, question, embedding, at FROM answer_cache
                            WHERE scope = :s AND at > :since AND embedding IS NOT NULL
                            ORDER BY at DESC LIMIT :limit""")
                    .bind("s", scope).bind("since", since.toString()).bind("limit", limit)
                    .map((rs, ctx) -> new Kept(rs.getString("question_key"), rs.getString("question"),
                            floats(rs.getBytes("embedding")), Instant.parse(rs.getString("at"))))
                    .list());
        } catch (JdbiException e) {
            throw new StoreException("cannot read the answer cache", e);
        }
    }

    @Override
    public boolean shared(long chatId) {
        try {
            return database.jdbi().withHandle(h -> h.createQuery("SELECT shared FROM cache_sharing WHERE chat_id = :c")
                    .bind("c", chatId).mapTo(Integer.class).findOne().orElse(0) == 1);
        } catch (JdbiException e) {
            throw new StoreException("cannot read the answer cache's sharing", e);
        }
    }

    @Override
    public void share(long chatId, boolean shared, long byUser) {
        try {
            database.jdbi().useHandle(h -> h.createUpdate("""
                            INSERT INTO cache_sharing (chat_id, shared, updated_at, updated_by) VALUES (:c, :s, :at, :by)
                            ON CONFLICT (chat_id) DO UPDATE SET shared = excluded.shared, updated_at = excluded.updated_at,
                                updated_by = excluded.updated_by""")
                    .bind("c", chatId).bind("s", shared ? 1 : 0).bind("at", clock.instant().toString())
                    .bind("by", byUser).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot write the answer cache's sharing", e);
        }
    }

    @Override
    public int clear(long chatId) {
        try {
            return database.jdbi().withHandle(h -> h.createUpdate(
                            "DELETE FROM answer_cache WHERE scope = :s OR scope LIKE :members")
                    .bind("s", "chat:" + chatId).bind("members", "chat:" + chatId + "/%").execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot clear the answer cache", e);
        }
    }

    @Override
    public int prune(Instant before) {
        try {
            return database.jdbi().withHandle(h -> h.createUpdate("DELETE FROM answer_cache WHERE at < :before")
                    .bind("before", before.toString()).execute());
        } catch (JdbiException e) {
            throw new StoreException("cannot prune the answer cache", e);
        }
    }

    private static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    private static float[] floats(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
