package dev.chorus.store;

import dev.chorus.orchestration.MemberState;
import dev.chorus.orchestration.Role;
import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.TraceStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** {@link TraceStore} in SQLite. Thread-safe. */
public final class JdbiTraceStore implements TraceStore {
    private final TraceDao dao;

    public JdbiTraceStore(Database database) {
        this.dao = database.jdbi().onDemand(TraceDao.class);
    }

    @Override
    public void save(long answerId, List<Step> steps) {
        guard(() -> {
            dao.insertAll(answerId, steps.stream().map(s -> new TraceDao.Row(s.index(), s.modelId(),
                    s.role().name().toLowerCase(Locale.ROOT), s.name(), s.state().name().toLowerCase(Locale.ROOT),
                    s.inputTokens(), s.outputTokens(), s.costMicros(), s.took().toMillis(), s.note())).toList());
            return null;
        });
    }

    @Override
    public List<Step> load(long answerId, long chatId) {
        return guard(() -> dao.load(answerId, chatId).stream().map(r -> new Step(r.idx(), r.model(),
                Role.valueOf(r.role().toUpperCase(Locale.ROOT)), r.name(), MemberState.valueOf(r.state().toUpperCase(Locale.ROOT)),
                r.inputTokens(), r.outputTokens(), r.costMicros(), Duration.ofMillis(r.tookMs()), r.note())).toList());
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read or write an answer's trace", e);
        }
    }
}
