package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.Role;
import dev.chorus.provider.TokenEstimator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes a conversation fit a model's context window before it is sent: the system prompt and the
 * latest message always stay, the oldest turns go first. Checked before every call, fallbacks
 * included, because a fallback to a model whose window is too small only fails again.
 */
public final class ContextFitter {
    // Token counts differ between tokenizers; keep a margin so an estimate near the edge still fits.
    private static final double SAFETY = 0.95;

    private ContextFitter() {
    }

    /** The conversation trimmed to fit, or empty when even the system prompt and last message do not. */
    public static Optional<List<ChatMessage>> fit(List<ChatMessage> messages, int contextWindow, int maxOutputTokens) {
        long budget = (long) (contextWindow * SAFETY) - maxOutputTokens;
        List<ChatMessage> kept = new ArrayList<>(messages);
        while (TokenEstimator.estimate(kept) > budget) {
            int oldest = oldestDroppable(kept);
            if (oldest < 0) {
                return Optional.empty();
            }
            kept.remove(oldest);
        }
        return Optional.of(List.copyOf(kept));
    }

    private static int oldestDroppable(List<ChatMessage> messages) {
        for (int i = 0; i < messages.size() - 1; i++) {
            if (messages.get(i).role() != Role.SYSTEM) {
                return i;
            }
        }
        return -1;
    }
}
