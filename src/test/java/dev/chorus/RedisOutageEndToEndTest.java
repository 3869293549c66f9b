package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.RedisServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
            assertThat(post(port, update(7_000_001, 9801, "What is Haskell?"))).isEqualTo(200);
            bot.telegram.await(before, Duration.ofSeconds(15), calls -> !answersTo(calls, 9801).isEmpty());
            assertThat(redisGet(redis, "chorus:chat:9801:owner")).as("the chat went through Redis").isNotNull();

            redis.stop();
            long during = bot.telegram.mark();
            assertThat(post(port, update(7_000_002, 9802, "What is OCaml?"))).isEqualTo(200);
            assertThat(post(port, update(7_000_003, 9801, "And what is Elm?"))).isEqualTo(200);
            bot.telegram.await(during, Duration.ofSeconds(20),
                    calls -> !answersTo(calls, 9802).isEmpty() && !answersTo(calls, 9801).isEmpty());
            assertThat(bot.log.text()).contains("Redis does not answer");

            redis.restart();
            Thread.sleep(6_000); // past the replica's wait before it tries Redis again
            long after = bot.telegram.mark();
            assertThat(post(port, update(7_000_004, 9803, "What is Erlang?"))).isEqualTo(200);
            bot.telegram.await(after, Duration.ofSeconds(20), calls -> !answersTo(calls, 9803).isEmpty());
            assertThat(redisGet(redis, "chorus:chat:9803:owner")).as("through Redis again").isNotNull();
            assertThat(bot.log.text()).contains("Redis answers again");

            Thread.sleep(1_000);
            List<BotCall> all = bot.telegram.callsSince(before);
            assertThat(answersTo(all, 9801)).as("one answer a question").hasSize(2);
            assertThat(answersTo(all, 9802)).hasSize(1);
            assertThat(answersTo(all, 9803)).hasSize(1);
        }
    }

    private static List<BotCall> answersTo(List<BotCall> calls, long chatId) {
        return calls.stream().filter(c -> c.chatId() == chatId && c.is("sendMessage") && c.text().contains("<i>—"))
                .toList();
    }

    private static String update(long updateId, long userId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Ada"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Ada", "language_code": "en"},
                 "text": "%s"}}""".formatted(updateId, updateId % 1_000_000, Instant.now().getEpochSecond(), userId,
                userId, text);
    }

    private static int post(int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String redisGet(RedisServer redis, String key) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1",
                Integer.parseInt(redis.url().replaceAll(".*:", "")))) {
            socket.getOutputStream().write(("GET " + key + "\r\n").getBytes(StandardCharsets.US_ASCII));
            java.io.BufferedReader in = new java.io.BufferedReader(
                    new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String head = in.readLine();
            return head == null || head.startsWith("$-1") ? null : in.readLine();
        }
    }
}
