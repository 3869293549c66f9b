package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics and /health over real HTTP on the health port of the real bot, after real traffic. */
class MetricsEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;
    static int port;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        bot = BotHarness.start(dir, "health.port=" + port);
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void metricsCountUpdatesCommandsAnswersSpendAndTheProviderInPrometheusFormat() throws Exception {
        TelegramUser mia = new TelegramUser(9701, "Mia", "mia");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, mia, "What is Rust?");
        BotCall answer = telegram.awaitMessages(mark, mia.id(), 1).getFirst();
        JsonNode up = answer.body().path("reply_markup").path("inline_keyboard").get(1).get(0);
        long pressed = telegram.mark();
        telegram.pressButton(TOKEN, mia, mia.id(), answer.result().path("message_id").asInt(),
                up.path("callback_data").asText());
        telegram.await(pressed, Duration.ofSeconds(10), c -> c.stream().anyMatch(x -> x.is("answerCallbackQuery")));

        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body())
                .containsPattern("chorus_updates_total\\{type=\"message\"} [1-9]")
                .containsPattern("chorus_updates_total\\{type=\"callback\"} [1-9]")
                .containsPattern("chorus_commands_total\\{command=\"text\"} [1-9]")
                .containsPattern("chorus_answers_total\\{mode=\"balanced\",model=\"gpt-4o-mini\",outcome=\"answered\"} [1-9]")
                .contains("chorus_answer_time_seconds_bucket{le=")
                .contains("chorus_answer_bot_time_seconds_bucket{le=")
                .contains("chorus_provider_first_token_seconds_bucket{provider=\"openai\"")
                .containsPattern("chorus_provider_calls_total\\{outcome=\"[A-Za-z_]+\",provider=\"openai\"} [1-9]")
                .containsPattern("chorus_budget_spent_micros_total\\{scope=\"user\"} [1-9]")
                .containsPattern("chorus_outbox_pending [0-9]")
                .containsPattern("chorus_provider_breaker\\{provider=\"openai\"} 0")
                .containsPattern("chorus_cache_lookups_total\\{result=\"miss\"} [1-9]")
                .doesNotContain(BotHarness.TOKEN).doesNotContain(BotHarness.API_KEY).doesNotContain("What is Rust");
    }

    @Test
    void eachHandledUpdateIsOneLogLineWithItsRequestIdAndOutcomeButNeverTheText() {
        TelegramUser noa = new TelegramUser(9702, "Noa", "noa");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, noa, "Tell me a secret about Lisbon");
        telegram.awaitMessages(mark, noa.id(), 1);
        String log = bot.log.text();
        assertThat(log).containsPattern("update handled request=[0-9a-f]{8} kind=private command=text "
                + "model=gpt-4o-mini cost_micros=[0-9]+ took_ms=[0-9]+ outcome=answered");
        assertThat(log).doesNotContain("secret about Lisbon");
    }

    @Test
    void healthReportsTheStoreTelegramAndEachProvider() throws Exception {
        HttpResponse<String> health = get("/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body().lines()).startsWith("ok", "store: sqlite, ok").contains("telegram: polling")
                .anySatisfy(l -> assertThat(l).startsWith("provider openai: breaker CLOSED"))
                .anySatisfy(l -> assertThat(l).startsWith("provider backup: breaker "));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
