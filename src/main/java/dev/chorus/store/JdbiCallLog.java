package dev.chorus.store;

import dev.chorus.orchestration.CallLog;
import dev.chorus.orchestration.CallRecord;
import java.util.List;
import org.jdbi.v3.core.JdbiException;

/** {@link CallLog} on the SQLite database. */
public final class JdbiCallLog implements CallLog {
    private final CallDao dao;

    public JdbiCallLog(Database database) {
        this.dao = database.jdbi().onDemand(CallDao.class);
    }

    @Override
    public void append(CallRecord call) {
        try {
            dao.insert(call);
        } catch (JdbiException e) {
            throw new StoreException("cannot record a model call", e);
        }
    }

    @Override
    public List<CallRecord> recent(int limit) {
        try {
            return dao.recent(limit);
        } catch (JdbiException e) {
            throw new StoreException("cannot read model calls", e);
        }
    }
}
