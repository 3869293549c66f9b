package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The one record of a multi-model run: its steps in the order they started. The live indicator,
 * the footer and the stored trace all read these steps; none keeps its own copy. Every change is
 * told to the listener with a snapshot. Thread-safe.
 */
public final class RunRecord {
    private final List<Step> steps = new ArrayList<>();
    private final Consumer<List<Step>> listener;

    public RunRecord(Consumer<List<Step>> listener) {
        this.listener = listener;
    }

    /** A member joins the run, waiting; returns its index. */
    int add(String modelId, Role role) {
        return add(modelId, role, null);
    }

    /** A pipeline step joins the run under the admins' name for it; returns its index. */
    int add(String modelId, Role role, String name) {
        List<Step> snapshot;
        int index;
        synchronized (this) {
            index = steps.size();
            steps.add(Step.waiting(index, modelId, role, name));
            snapshot = List.copyOf(steps);
        }
        listener.accept(snapshot);
        return index;
    }

    void update(int index, UnaryOperator<Step> change) {
        List<Step> snapshot;
        synchronized (this) {
            Step before = steps.get(index);
            Step after = change.apply(before);
            if (after.equals(before)) {
                return;
            }
            steps.set(index, after);
            snapshot = List.copyOf(steps);
        }
        listener.accept(snapshot);
    }

    public synchronized List<Step> steps() {
        return List.copyOf(steps);
    }

    public synchronized long costMicros() {
        return steps.stream().mapToLong(Step::costMicros).sum();
    }
}
