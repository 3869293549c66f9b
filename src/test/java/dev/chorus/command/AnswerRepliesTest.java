package dev.chorus.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.AskOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerRepliesTest {
    private final AnswerReplies replies = new AnswerReplies();

    @Test
    void theFooterNamesModelTaskCostAndTime() {
        Reply reply = replies.of(answered(false, List.of()));
        assertThat(reply.footer()).isEqualTo("gpt-4o-mini · code 0.42 · $0.0012 · 1.5s");
    }

    @Test
    void anEscalatedAnswerSaysSoFirst() {
        Reply reply = replies.of(answered(true, List.of()));
        assertThat(reply.footer()).startsWith("🔼 escalated · gpt-4o-mini · code 0.42");
    }

    @Test
    void aStandInNamesTheModelItStoodInFor() {
        Reply reply = replies.of(answered(false, List.of("claude-haiku")));
        assertThat(reply.footer()).endsWith(" · stood in for claude-haiku");
    }

    private static AskOutcome.Answered answered(boolean escalated, List<String> failed) {
        return new AskOutcome.Answered("Use a HashMap.", "gpt-4o-mini", 1_200, false, Duration.ofMillis(1_520), false,
                false, failed, new AskOutcome.Routing("code", 0.42, escalated, "why"), List.of());
    }
}
