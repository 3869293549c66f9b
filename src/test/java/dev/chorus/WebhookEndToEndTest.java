package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramEmulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook mode through the real bot: Telegram's update POSTs with the secret are answered 200 and
 * handled once, also when posted again; without the secret, or with a body that is no update, they are
 * refused and change nothing; the bot registers its URL and secret with setWebhook and never polls.
 * The bot's own calls go to the Telegram emulator, as in polling mode.
 */
class WebhookEndToEndTest {
    private static final String SECRET = "webhook-secret-for-the-tests-0123";

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;
    static int port;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        bot = BotHarness.start(dir, "telegram.mode=webhook", "telegram.webhook-port=" + port,
                "telegram.webhook-path=/hook", "telegram.webhook-secret=" + SECRET,
                "telegram.webhook-url=https://bot.example.com/hook");
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    private static String update(long updateId, long userId, String text) {
        return """
                {"update_id": %d, "message": {"message_id": %d, "date": %d,
                 "chat": {"id": %d, "type": "private", "first_name": "Wen"},
                 "from": {"id": %d, "is_bot": false, "first_name": "Wen", "language_code": "en"},
                 "text": "%s"}}""".formatted(updateId, updateId, Instant.now().getEpochSecond(), userId, userId, text);
    }

    private static int post(String secret, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static List<BotCall> answersTo(long userId, long since) {
        return telegram.callsSince(since).stream()
                .filter(c -> c.chatId() == userId && c.is("sendMessage") && c.text().contains("<i>—")).toList();
    }

    @Test
    void anUpdatePostedWithTheSecretIsAnsweredOnceEvenWhenPostedAgain() throws Exception {
        long mark = telegram.mark();
        String update = update(5_000_001, 9801, "What is Rust?");
        assertThat(post(SECRET, update)).isEqualTo(200);
        telegram.await(mark, Duration.ofSeconds(10), calls -> !answersTo(9801, mark).isEmpty());
        int calls = bot.openAi.requests().size();

        assertThat(post(SECRET, update)).as("Telegram posting it again").isEqualTo(200);
        Thread.sleep(1_500);
        assertThat(answersTo(9801, mark)).as("answered once").hasSize(1);
        assertThat(bot.openAi.requests()).hasSize(calls);
    }

    @Test
    void withoutTheRightSecretOrWithABodyThatIsNoUpdateNothingIsHandled() throws Exception {
        long mark = telegram.mark();
        int calls = bot.openAi.requests().size();
        assertThat(post(null, update(5_000_002, 9802, "What is Go?"))).isEqualTo(401);
        assertThat(post("not-the-secret-at-all-0000000000", update(5_000_003, 9802, "What is Go?"))).isEqualTo(401);
        assertThat(post(SECRET, "{\"update_id\": ")).isEqualTo(400);
        assertThat(post(SECRET, "[1, 2, 3]")).isEqualTo(400);
        assertThat(post(SECRET, "{\"message\": {\"text\": \"no id\"}}")).isEqualTo(400);
        assertThat(post(SECRET, "{\"update_id\": 1, \"pad\": \"" + "x".repeat(1_100_000) + "\"}")).as("far too big")
                .isEqualTo(413);
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        Thread.sleep(1_000);
        assertThat(telegram.callsSince(mark)).noneMatch(c -> c.chatId() == 9802);
        assertThat(bot.openAi.requests()).hasSize(calls);

        assertThat(post(SECRET, update(5_000_002, 9802, "What is Go?"))).as("the refused update, now with the secret")
                .isEqualTo(200);
        telegram.await(mark, Duration.ofSeconds(10), c -> !answersTo(9802, mark).isEmpty());
    }

    @Test
    void theBotRegistersItsUrlAndSecretAndNeverPolls() {
        List<BotCall> all = telegram.callsSince(0);
        assertThat(all).filteredOn(c -> c.is("setWebhook")).singleElement().satisfies(c -> {
            assertThat(c.body().path("url").asText()).isEqualTo("https://bot.example.com/hook");
            assertThat(c.body().path("secret_token").asText()).isEqualTo(SECRET);
            assertThat(c.body().path("allowed_updates").toString()).contains("message").contains("callback_query");
        });
        assertThat(all).noneMatch(c -> c.is("getUpdates"));
        assertThat(bot.log.text()).doesNotContain(SECRET);
    }
}
