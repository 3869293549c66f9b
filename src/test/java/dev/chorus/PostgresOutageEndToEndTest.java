package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotHarness;
import dev.chorus.testing.PostgresServer;
import dev.chorus.testing.WebhookUpdates;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot in webhook mode on a PostgreSQL server that goes down and comes back: while it is down,
 * an update is refused with 503 (Telegram posts it again later) and nothing is handled; once it is
 * back, the bot reconnects by itself and the update posted again is answered, once.
 */
class PostgresOutageEndToEndTest {
    private static final String SECRET = "outage-webhook-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void anUpdateRefusedDuringTheOutageIsAnsweredOnceWhenPostedAgainAfterIt() throws Exception {
        PostgresServer postgres = PostgresServer.startPrivate();
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (BotHarness bot = BotHarness.start(dir, "telegram.mode=webhook", "telegram.webhook-port=" + port,
                "telegram.webhook-path=/hook", "telegram.webhook-secret=" + SECRET,
                "db.url=" + postgres.newDatabase(), "db.user=" + PostgresServer.USER)) {
            long mark = bot.telegram.mark();
            assertThat(WebhookUpdates.post(port, SECRET, WebhookUpdates.privateMessage(6_000_001, 9901, "What is Kotlin?"))).isEqualTo(200);
            bot.telegram.await(mark, Duration.ofSeconds(15), calls -> !WebhookUpdates.answersTo(calls, 9901).isEmpty());

            postgres.stop();
            long during = bot.telegram.mark();
            String refused = WebhookUpdates.privateMessage(6_000_002, 9902, "What is Scala?");
            assertThat(WebhookUpdates.post(port, SECRET, refused)).as("not recorded, so not taken").isEqualTo(503);
            Thread.sleep(1_000);
            assertThat(bot.telegram.callsSince(during)).noneMatch(c -> c.chatId() == 9902);

            postgres.restart();
            Instant until = Instant.now().plusSeconds(30);
            int status;
            do {
                // Telegram posts again until it gets a 200
                status = WebhookUpdates.post(port, SECRET, refused);
                if (status != 200) {
                    Thread.sleep(500);
                }
            } while (status != 200 && Instant.now().isBefore(until));
            assertThat(status).isEqualTo(200);
            bot.telegram.await(during, Duration.ofSeconds(15), calls -> !WebhookUpdates.answersTo(calls, 9902).isEmpty());
            assertThat(WebhookUpdates.post(port, SECRET, refused)).as("and again: already taken").isEqualTo(200);
            Thread.sleep(1_000);
            assertThat(WebhookUpdates.answersTo(bot.telegram.callsSince(during), 9902)).hasSize(1);
        } finally {
            postgres.stop();
        }
    }
}
