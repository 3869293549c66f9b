package dev.chorus.store;

import dev.chorus.orchestration.Ratings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** SQL for ratings. */
interface RatingDao {
    @SqlUpdate("""
            INSERT INTO ratings (answer_id, chat_id, user_id, model, strategy, question, score, comment, source, at)
            VALUES (:answer, :chat, :user, :model, :strategy, :question, :score, :comment, :source, :at)
            """)
    void insert(@Bind("answer") Long answerId, @Bind("chat") long chatId, @Bind("user") long userId,
                @Bind("model") String model, @Bind("strategy") String strategy, @Bind("question") String question,
                @Bind("score") int score, @Bind("comment") String comment, @Bind("source") String source,
                @Bind("at") String at);

    default void insert(Ratings.Rating r, String at) {
        insert(r.answerId(), r.chatId(), r.userId(), r.model(), r.strategy(), r.question(), r.score(), r.comment(),
                r.source().name().toLowerCase(Locale.ROOT), at);
    }

    @Transaction
    default void insertAll(List<Ratings.Rating> batch, String at) {
        batch.forEach(r -> insert(r, at));
    }

    @SqlQuery("SELECT COUNT(*) > 0 FROM ratings WHERE answer_id = :answer AND user_id = :user")
    boolean rated(@Bind("answer") long answerId, @Bind("user") long userId);

    /** Inserts the event; true when the person had rated this answer before (the new one replaces it). */
    @Transaction
    default boolean record(Ratings.Rating r, String at) {
        boolean before = r.answerId() != null && rated(r.answerId(), r.userId());
        insert(r, at);
        return before;
    }

    @SqlQuery("SELECT id AS answer_id, model, strategy, COALESCE(question, '') AS question FROM answers "
            + "WHERE id = :id AND chat_id = :chat")
    @RegisterConstructorMapper(Row.class)
    Optional<Row> answer(@Bind("id") long answerId, @Bind("chat") long chatId);

    @SqlQuery("SELECT MAX(id) FROM answers WHERE chat_id = :chat")
    Optional<Long> latestAnswer(@Bind("chat") long chatId);

    @SqlQuery("""
            SELECT model, COUNT(*) AS ratings, SUM(CASE WHEN score >= 4 THEN 1 ELSE 0 END) AS good FROM ratings r
            WHERE user_id = :user AND (answer_id IS NULL OR id = (SELECT MAX(id) FROM ratings y
                WHERE y.answer_id = r.answer_id AND y.user_id = r.user_id))
            GROUP BY model ORDER BY ratings DESC, model
            """)
    @RegisterConstructorMapper(OwnRow.class)
    List<OwnRow> byPerson(@Bind("user") long userId);

    record OwnRow(String model, long ratings, long good) {
    }

    record Row(long answerId, String model, String strategy, String question) {
    }
}
