package dev.chorus.store;

import dev.chorus.orchestration.CallRecord;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code llm_calls}. */
interface CallDao {
    @SqlUpdate("""
            INSERT INTO llm_calls (at, user_id, chat_id, model, purpose, outcome, input_tokens,
                                   cached_input_tokens, output_tokens, cost_micros, cost_estimated, latency_ms)
            VALUES (:at, :userId, :chatId, :model, :purpose, :outcome, :inputTokens,
                    :cachedInputTokens, :outputTokens, :costMicros, :costEstimated, :latencyMs)
            """)
    void insert(@BindMethods CallRecord call);

    @SqlQuery("""
            SELECT at, user_id, chat_id, model, purpose, outcome, input_tokens, cached_input_tokens,
                   output_tokens, cost_micros, cost_estimated, latency_ms
            FROM llm_calls ORDER BY id DESC LIMIT :limit
            """)
    @RegisterConstructorMapper(CallRecord.class)
    List<CallRecord> recent(@Bind("limit") int limit);
}
