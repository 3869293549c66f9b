package dev.chorus.provider.resilience;

import dev.chorus.provider.ChatOutcome;
import java.time.Duration;

/**
 * How a guarded call to one model ended.
 *
 * @param shownText the text the caller's listener received (empty when nothing was streamed)
 * @param tries how many times the call was made (1 + retries)
 */
public record GuardedOutcome(ChatOutcome outcome, String shownText, int tries, Duration took) {
    public boolean succeeded() {
        return outcome instanceof ChatOutcome.Completed;
    }
}
