package dev.chorus.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * One model's part in a run as it stands: who, in which role, how far, and what it cost so far.
 *
 * @param name the admins' name of a pipeline step (such as draft or critique), or null: the role says it
 * @param note why it failed or was cancelled, or null
 */
public record Step(int index, String modelId, Role role, String name, MemberState state, long inputTokens,
                   long outputTokens, long costMicros, Duration took, String note) {
    public Step {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        took = took == null ? Duration.ZERO : took;
    }

    public static Step waiting(int index, String modelId, Role role, String name) {
        return new Step(index, modelId, role, name, MemberState.WAITING, 0, 0, 0, Duration.ZERO, null);
    }

    /** What the person reads for this part: the pipeline step's name, else the role. */
    public String label() {
        return name != null ? name : role.label();
    }

    public Step in(MemberState next) {
        return new Step(index, modelId, role, name, next, inputTokens, outputTokens, costMicros, took, note);
    }

    public Step ended(MemberState end, long input, long output, long cost, Duration time, String why) {
        return new Step(index, modelId, role, name, end, input, output, cost, time, why);
    }
}
