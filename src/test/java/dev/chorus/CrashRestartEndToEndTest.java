package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.ConfigLoader;
import dev.chorus.store.Database;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot (the real Main, in its own JVM) is killed with SIGKILL while it writes answers, then
 * started again on the same database: a recent question is answered, an old one is offered again
 * with a button that works, the group's cut-off message says it was cut off, and the money held for
 * the killed calls is reconciled.
 */
class CrashRestartEndToEndTest {
    static final String TOKEN = "7482915360:AAE2e-CrashTestTokenNeverLogged";
    static final long GROUP = -100_777L;

    @TempDir
    Path dir;

    @Test
    void questionsInFlightAtAKillAreAnsweredOrOfferedAgain() throws Exception {
        TelegramUser ann = new TelegramUser(6101, "Ann", "ann");
        TelegramUser ben = new TelegramUser(6102, "Ben", "ben");
        TelegramUser cal = new TelegramUser(6103, "Cal", "cal");
        TelegramUser dee = new TelegramUser(6104, "Dee", "dee");
        try (TelegramEmulator telegram = TelegramEmulator.start("ChorusTestBot"); FakeOpenAi openAi = new FakeOpenAi(true)) {
            Path config = Files.write(dir.resolve("bot.properties"), List.of(
                    "telegram.token=" + TOKEN,
                    "telegram.base-url=" + telegram.baseUrl(),
                    "telegram.poll-timeout-seconds=5",
                    "openai.api-key=sk-crash-test-key-never-logged",
                    "openai.base-url=" + openAi.baseUrl(),
                    "model.default=gpt-4o-mini",
                    // today's flagship checker makes this verify run dear enough to ask first; here it must just run
                    "multi.confirm-above=1",
                    "db.path=" + dir.resolve("chorus.db")));
            Process first = startBot(config);
            try {
                awaitPolling(first);
                long mark = telegram.mark();
                telegram.sendPrivate(TOKEN, ann, "Explain it slowly " + FakeOpenAi.SLOW_ANSWER);
                telegram.sendGroup(TOKEN, ben, GROUP, "/ask@ChorusTestBot explain it slowly " + FakeOpenAi.SLOW_ANSWER);
                telegram.sendPrivate(TOKEN, cal, "Also slowly " + FakeOpenAi.SLOW_ANSWER);
                telegram.sendPrivate(TOKEN, dee, "/multi verify Check it slowly " + FakeOpenAi.SLOW_ANSWER);
                // every answer is streaming: drafts in the private chats, a growing message in the group
                telegram.await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                        .filter(c -> c.is("sendMessageDraft")).map(BotCall::chatId).distinct().count() >= 2
                        && calls.stream().anyMatch(c -> c.is("sendMessage") && c.chatId() == GROUP)
                        && calls.stream().anyMatch(c -> c.chatId() == dee.id()));
                awaitPreviewRecorded();
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook runs
                first.waitFor(10, TimeUnit.SECONDS);
            }
            int preview = telegram.callsSince(0).stream().filter(c -> c.is("sendMessage") && c.chatId() == GROUP)
                    .findFirst().orElseThrow().result().path("message_id").asInt();
            assertThat(BotCall.messagesTo(telegram.callsSince(0), ann.id())).isEmpty();
            assertThat(BotCall.messagesTo(telegram.callsSince(0), dee.id())).noneMatch(c -> c.text().contains("<i>— "));
            // Cal's question is from long ago by the time the bot is back: it is offered, not answered unasked.
            try (Database db = Database.open(dir.resolve("chorus.db"))) {
                db.jdbi().useHandle(h -> h.execute("UPDATE questions SET started_at = ? WHERE chat_id = ?",
                        Instant.now().minus(Duration.ofHours(2)).toString(), cal.id()));
            }

            long mark = telegram.mark();
            try (Chorus again = Chorus.start(ConfigLoader.load(config, Map.of()))) {
                BotCall answer = telegram.awaitMessages(mark, ann.id(), 1).getFirst();
                assertThat(answer.text()).startsWith("Streaming, word by word").contains("<i>— gpt-4o-mini · ");

                List<BotCall> group = telegram.await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                        .anyMatch(c -> c.chatId() == GROUP && c.text().contains("gpt-4o-mini ·")))
                        .stream().filter(c -> c.chatId() == GROUP).toList();
                assertThat(group).anySatisfy(c -> {
                    assertThat(c.is("editMessageText")).isTrue();
                    assertThat(c.body().path("message_id").asInt()).isEqualTo(preview);
                    assertThat(c.text()).contains("This answer was cut off when the bot restarted");
                });

                // the /multi question runs again as it was asked: the same strategy, with the indicator and footer
                List<BotCall> multi = telegram.await(mark, Duration.ofSeconds(30), calls -> calls.stream()
                        .anyMatch(c -> c.chatId() == dee.id() && c.text().contains("<i>— 🎼 verify")));
                assertThat(multi).filteredOn(c -> c.chatId() == dee.id() && c.text().contains("<i>— 🎼 verify"))
                        .first().extracting(BotCall::text).asString().startsWith("Streaming, word by word");

                BotCall offer = telegram.awaitMessages(mark, cal.id(), 1).getFirst();
                assertThat(offer.text()).contains("I restarted while answering your question “Also slowly");
                String data = offer.body().path("reply_markup").path("inline_keyboard").get(0).get(0)
                        .path("callback_data").asText();
                assertThat(data).startsWith("again:");
                long pressed = telegram.mark();
                telegram.pressButton(TOKEN, cal, cal.id(), offer.result().path("message_id").asInt(), data);
                assertThat(telegram.awaitMessages(pressed, cal.id(), 1).getFirst().text())
                        .startsWith("Streaming, word by word");
                // a second press does nothing more
                telegram.pressButton(TOKEN, cal, cal.id(), offer.result().path("message_id").asInt(), data);
                Thread.sleep(1500);
                assertThat(BotCall.messagesTo(telegram.callsSince(pressed), cal.id())).hasSize(1);

                Long open = again.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent')").mapTo(Long.class).one());
                Long reconciled = again.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM reservations WHERE state = 'reconciled'").mapTo(Long.class).one());
                assertThat(open).isZero();
                // Ann's, Ben's and Cal's calls, Dee's first call and the hold of Dee's whole run
                assertThat(reconciled).isEqualTo(5);
            }
        }
    }

    /** The group's growing message is in the journal (read with plain JDBC: the bot has the database open). */
    private void awaitPreviewRecorded() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("chorus.db"))) {
            while (Instant.now().isBefore(deadline)) {
                try (var rs = c.createStatement().executeQuery(
                        "SELECT COUNT(*) FROM questions WHERE in_group = 1 AND preview_message_id IS NOT NULL")) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the group's preview was never journaled");
    }

    private Process startBot(Path config) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.chorus.Main", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("first.log").toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CHORUS_") || k.endsWith("_API_KEY")
                || k.equals("TELEGRAM_BOT_TOKEN") || k.endsWith("_BASE_URL"));
        return builder.start();
    }

    private void awaitPolling(Process bot) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            String log = Files.readString(dir.resolve("first.log"), StandardCharsets.UTF_8);
            if (log.contains("is polling")) {
                return;
            }
            if (!bot.isAlive()) {
                throw new AssertionError("the bot stopped:\n" + log);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bot did not start:\n" + Files.readString(dir.resolve("first.log")));
    }
}
