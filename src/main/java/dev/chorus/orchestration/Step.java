package dev.chorus.orchestration;

import java.time.Duration;
import java.util.Objects;

/**
 * One model's part in a run as it stands: who, in which role, how far, and what it cost so far.
 *
 * @param note why it failed or was cancelled, or null
 */
public record Step(int index, String modelId, Role role, MemberState state, long inputTokens, long outputTokens,
                   long costMicros, Duration took, String note) {
    public Step {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        took = took == null ? Duration.ZERO : took;
    }

    public static Step waiting(int index, String modelId, Role role) {
        return new Step(index, modelId, role, MemberState.WAITING, 0, 0, 0, Duration.ZERO, null);
    }

    public Step in(MemberState next) {
        return new Step(index, modelId, role, next, inputTokens, outputTokens, costMicros, took, note);
    }

    public Step ended(MemberState end, long input, long output, long cost, Duration time, String why) {
        return new Step(index, modelId, role, end, input, output, cost, time, why);
    }
}
