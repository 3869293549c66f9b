package dev.chorus.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.i18n.Phrase;
import dev.chorus.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alerts go out once per quiet period, and those raised while the bot is still starting are not lost. */
class AdminAlertsTest {
    private final TestClock clock = new TestClock(Instant.parse("2026-12-04T10:00:00Z"));
    private final AdminAlerts alerts = new AdminAlerts(clock, Duration.ofHours(1), AlertRepeats.inMemory());
    private final List<Phrase> told = new ArrayList<>();

    @Test
    void alertsRaisedBeforeTheChatSideIsConnectedGoOutOnceItIs() {
        alerts.modelGone("gpt-old", "openai", "model_not_found");
        alerts.modelGone("gpt-old", "openai", "model_not_found");
        alerts.send(Phrase.verbatim("budget at 80 %"));
        assertThat(told).isEmpty();

        alerts.connect(told::add);
        assertThat(told).extracting(Phrase::english).hasSize(2)
                .anySatisfy(t -> assertThat(t).contains("gpt-old")).contains("budget at 80 %");
    }

    @Test
    void anAlertIsToldOncePerQuietPeriod() {
        alerts.connect(told::add);
        alerts.providerKeyRefused("openai", "401");
        clock.advance(Duration.ofMinutes(59));
        alerts.providerKeyRefused("openai", "401");
        assertThat(told).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        alerts.providerKeyRefused("openai", "401");
        assertThat(told).hasSize(2);
    }
}
