package dev.chorus.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the resilience layer stop a call that is still running (a first token that never comes, a
 * total time exceeded). A client registers how to abort its HTTP call; {@link #cancel()} runs it
 * once, from any thread. Thread-safe.
 */
public final class CancelSignal {
    private final List<Runnable> actions = new ArrayList<>();
    private boolean cancelled;

    /** Runs {@code action} on cancel, or at once when already cancelled. */
    public void onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                actions.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
    }

    public void cancel() {
        List<Runnable> toRun;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(actions);
            actions.clear();
        }
        toRun.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
