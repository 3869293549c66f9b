package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /probe through the real bot against a fake provider: the cost first, then on the admin's press the
 * whole suite with its progress, charged to the global budget, and the measured scores in /models.
 * Others are refused.
 */
class ProbeEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final long ADMIN = 8801;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "admins=" + ADMIN, "budget.global=5/day");
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void anAdminSeesTheCostThenTheProbeRunsAndItsScoresStandInForTheCatalogs() {
        TelegramUser ada = new TelegramUser(ADMIN, "Ada", "ada");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, ada, "/probe gpt-4o-mini");
        BotCall offer = telegram.awaitMessages(mark, ADMIN, 1).getFirst();
        assertThat(offer.text()).startsWith("Probing gpt-4o-mini runs 66 checkable tasks (")
                .containsPattern("costs about \\$0\\.\\d+, charged to the bot's global budget");
        JsonNode button = offer.body().path("reply_markup").path("inline_keyboard").get(0).get(0);
        assertThat(button.path("text").asText()).isEqualTo("Run the probe");

        long pressed = telegram.mark();
        telegram.pressButton(TOKEN, ada, ADMIN, offer.result().path("message_id").asInt(),
                button.path("callback_data").asText());
        List<BotCall> calls = telegram.await(pressed, Duration.ofSeconds(60), c -> c.stream()
                .anyMatch(x -> x.text().startsWith("🔬 Probed gpt-4o-mini")));
        assertThat(calls).anyMatch(c -> c.is("answerCallbackQuery")
                && c.body().path("text").asText().equals("Probing gpt-4o-mini…"));
        assertThat(calls).as("progress shown while it runs").anyMatch(c -> c.text().startsWith("🔬 Probing gpt-4o-mini: "));
        String summary = calls.stream().filter(c -> c.text().startsWith("🔬 Probed")).findFirst().orElseThrow().text();
        assertThat(summary).contains("math: 16/16", "code: 0/14", "translation: 10/10", "reasoning: 4/8",
                "These scores now stand in for the catalog's");

        Map<String, Object> probe = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) AS domains, MIN(score) AS low, MAX(score) AS high FROM probes WHERE model = 'gpt-4o-mini'")
                .mapToMap().one());
        assertThat(((Number) probe.get("domains")).intValue()).isEqualTo(6);
        assertThat(((Number) probe.get("low")).doubleValue()).isLessThan(0.1);
        assertThat(((Number) probe.get("high")).doubleValue()).isGreaterThan(0.9);
        long charged = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM ledger WHERE scope_kind = 'global' AND kind = 'charge' AND model = 'gpt-4o-mini'")
                .mapTo(Long.class).one());
        assertThat(charged).as("every probe call charged to the global budget").isEqualTo(66);

        long models = telegram.mark();
        telegram.sendPrivate(TOKEN, ada, "/models");
        assertThat(telegram.awaitMessages(models, ADMIN, 1).getFirst().text())
                .containsPattern("gpt-4o-mini · \\$ · good at [a-z]+ 0\\.9\\d, .*\\(probed\\)");
    }

    @Test
    void othersCannotProbe() {
        TelegramUser bob = new TelegramUser(8802, "Bob", "bob");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, bob, "/probe gpt-4o-mini");
        assertThat(telegram.awaitMessages(mark, bob.id(), 1).getFirst().text())
                .startsWith("Only the bot's admins can probe models");
    }
}
