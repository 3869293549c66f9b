package dev.chorus.orchestration;

import java.util.List;

/** The append-only log of model calls. Implementations are thread-safe. */
public interface CallLog {
    void append(CallRecord call);

    /** The newest calls first, at most {@code limit}. */
    List<CallRecord> recent(int limit);
}
