package dev.chorus.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for learning from ratings. */
interface LearningDao {
    String COLUMNS = "id, answer_id, user_id, model, strategy, question, score, at, "
            + "(SELECT SUM(s.cost_micros) FROM answer_steps s WHERE s.answer_id = ratings.answer_id) AS cost_micros";

    @SqlQuery("SELECT " + COLUMNS + " FROM ratings WHERE id > :after ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(Row.class)
    List<Row> after(@Bind("after") long afterId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM ratings WHERE answer_id = :answer AND user_id = :user AND id < :id "
            + "ORDER BY id DESC LIMIT 1")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> previous(@Bind("answer") long answerId, @Bind("user") long userId, @Bind("id") long id);

    @SqlQuery("SELECT model FROM answer_steps WHERE answer_id = :answer GROUP BY model ORDER BY MIN(idx)")
    List<String> members(@Bind("answer") long answerId);

    @SqlQuery("SELECT state FROM quality_snapshot WHERE id = 1 AND fingerprint = :fingerprint")
    Optional<byte[]> snapshot(@Bind("fingerprint") String fingerprint);

    @SqlUpdate("""
            INSERT INTO quality_snapshot (id, fingerprint, through_rating, state, at)
            VALUES (1, :fingerprint, :through, :state, :at)
            ON CONFLICT (id) DO UPDATE SET fingerprint = excluded.fingerprint,
                through_rating = excluded.through_rating, state = excluded.state, at = excluded.at
            """)
    void saveSnapshot(@Bind("fingerprint") String fingerprint, @Bind("through") long through,
                      @Bind("state") byte[] state, @Bind("at") String at);

    record Row(long id, Long answerId, long userId, String model, String strategy, String question, int score,
               String at, Long costMicros) {
    }
}
