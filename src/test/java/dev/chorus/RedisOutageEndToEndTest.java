package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.RedisServer;
import dev.chorus.testing.WebhookUpdates;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica (the real bot in webhook mode on PostgreSQL) whose Redis goes down and comes back: while
 * it is down, questions are still answered, each once, with one line in the log saying what is no
 * longer shared; once it is back, the chats go through Redis again by themselves (a chat has an
 * owner there again) and the log says so.
 */
class RedisOutageEndToEndTest {
    private static final String SECRET = "redis-outage-webhook-secret-0123456789";

    @TempDir
    Path dir;

    @Test
    void questionsAreAnsweredWhileRedisIsDownAndGoThroughItAgainOnceItIsBack() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (RedisServer redis = RedisServer.start();
             BotHarness bot = BotHarness.start(dir, BotHarness.onPostgres("telegram.mode=webhook",
                     "telegram.webhook-port=" + port, "telegram.webhook-path=/hook", "telegram.webhook-secret=" + SECRET,
                     "redis.url=" + redis.url()))) {
            long before = bot.telegram.mark();
            assertThat(WebhookUpdates.post(port, SECRET, WebhookUpdates.privateMessage(7_000_001, 9801, "What is Haskell?"))).isEqualTo(200);
            bot.telegram.await(before, Duration.ofSeconds(15), calls -> !WebhookUpdates.answersTo(calls, 9801).isEmpty());
            assertThat(redis.get("chorus:chat:9801:owner")).as("the chat went through Redis").isNotNull();

            redis.stop();
            long during = bot.telegram.mark();
            assertThat(WebhookUpdates.post(port, SECRET, WebhookUpdates.privateMessage(7_000_002, 9802, "What is OCaml?"))).isEqualTo(200);
            assertThat(WebhookUpdates.post(port, SECRET, WebhookUpdates.privateMessage(7_000_003, 9801, "And what is Elm?"))).isEqualTo(200);
            bot.telegram.await(during, Duration.ofSeconds(20),
                    calls -> !WebhookUpdates.answersTo(calls, 9802).isEmpty() && !WebhookUpdates.answersTo(calls, 9801).isEmpty());
            assertThat(bot.log.text()).contains("Redis does not answer");

            redis.restart();
            Thread.sleep(6_000); // past the replica's wait before it tries Redis again
            long after = bot.telegram.mark();
            assertThat(WebhookUpdates.post(port, SECRET, WebhookUpdates.privateMessage(7_000_004, 9803, "What is Erlang?"))).isEqualTo(200);
            bot.telegram.await(after, Duration.ofSeconds(20), calls -> !WebhookUpdates.answersTo(calls, 9803).isEmpty());
            assertThat(redis.get("chorus:chat:9803:owner")).as("through Redis again").isNotNull();
            assertThat(bot.log.text()).contains("Redis answers again");

            Thread.sleep(1_000);
            List<BotCall> all = bot.telegram.callsSince(before);
            assertThat(WebhookUpdates.answersTo(all, 9801)).as("one answer a question").hasSize(2);
            assertThat(WebhookUpdates.answersTo(all, 9802)).hasSize(1);
            assertThat(WebhookUpdates.answersTo(all, 9803)).hasSize(1);
        }
    }
}
