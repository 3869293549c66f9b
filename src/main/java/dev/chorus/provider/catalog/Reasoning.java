package dev.chorus.provider.catalog;

import dev.chorus.provider.Effort;
import dev.chorus.provider.ReasoningRequest;

/**
 * Whether and how a model reasons before it answers.
 *
 * @param style null for a model that does not reason (or whose reasoning cannot be asked for)
 * @param defaultEffort the effort asked for when the chat's mode does not say
 */
public record Reasoning(ReasoningRequest.Style style, Effort defaultEffort) {
    public static final Reasoning NONE = new Reasoning(null, null);

    public Reasoning {
        if (style != null && defaultEffort == null) {
            defaultEffort = Effort.MEDIUM;
        }
    }

    public boolean reasons() {
        return style != null;
    }

    /**
     * The output tokens held for thinking at {@code effort}: the hold covers them before the call,
     * since hidden reasoning cannot be watched as it grows. Anthropic's minimum budget is 1,024.
     */
    public static int budget(Effort effort) {
        return switch (effort) {
            case LOW -> 2_048;
            case MEDIUM -> 8_192;
            case HIGH -> 24_576;
        };
    }

    /** What thinking typically takes at {@code effort}, for estimating a question's cost before routing. */
    public static int typical(Effort effort) {
        return budget(effort) / 4;
    }
}
