package dev.chorus.store;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.transaction.Transaction;

/** SQL for the steps of answers. */
interface TraceDao {
    @SqlUpdate("""
            INSERT INTO answer_steps (answer_id, idx, model, role, name, state, input_tokens, output_tokens,
                                      cost_micros, took_ms, note)
            VALUES (:answer, :idx, :model, :role, :name, :state, :input, :output, :cost, :took, :note)
            ON CONFLICT (answer_id, idx) DO UPDATE SET model = excluded.model, role = excluded.role,
                name = excluded.name, state = excluded.state, input_tokens = excluded.input_tokens,
                output_tokens = excluded.output_tokens, cost_micros = excluded.cost_micros,
                took_ms = excluded.took_ms, note = excluded.note
            """)
    void insert(@Bind("answer") long answerId, @Bind("idx") int index, @Bind("model") String model,
                @Bind("role") String role, @Bind("name") String name, @Bind("state") String state, @Bind("input") long input,
                @Bind("output") long output, @Bind("cost") long cost, @Bind("took") long tookMs, @Bind("note") String note);

    @Transaction
    default void insertAll(long answerId, List<Row> rows) {
        for (Row r : rows) {
            insert(answerId, r.idx(), r.model(), r.role(), r.name(), r.state(), r.inputTokens(), r.outputTokens(), r.costMicros(),
                    r.tookMs(), r.note());
        }
    }

    @SqlQuery("""
            SELECT s.idx, s.model, s.role, s.name, s.state, s.input_tokens, s.output_tokens, s.cost_micros, s.took_ms, s.note
            FROM answer_steps s JOIN answers a ON a.id = s.answer_id
            WHERE s.answer_id = :answer AND a.chat_id = :chat ORDER BY s.idx
            """)
    @RegisterConstructorMapper(Row.class)
    List<Row> load(@Bind("answer") long answerId, @Bind("chat") long chatId);

    record Row(int idx, String model, String role, String name, String state, long inputTokens, long outputTokens, long costMicros,
               long tookMs, String note) {
    }
}
