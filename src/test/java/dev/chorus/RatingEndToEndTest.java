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
 * 👍 / 👎 under every answer and /rate, through the real bot: every press is acknowledged, a second
 * press by the same person changes their vote (a new event that replaces the old), each member of a
 * group rates for themselves, and a /multi answer's rating names its strategy.
 */
class RatingEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final long GROUP = -100_4242L;
    static final long ADMIN = 7399;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;

    @BeforeAll
    static void start() throws Exception {
        startWith("model.default=auto", "model.fallbacks=", "admins=" + ADMIN);
    }

    static void startWith(String... config) throws Exception {
        bot = BotHarness.start(dir, config);
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void thumbsAreAcknowledgedAndASecondPressChangesTheVote() {
        TelegramUser ria = new TelegramUser(7301, "Ria", "ria");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, ria, "What is the capital of France?");
        BotCall answer = telegram.awaitMessages(mark, ria.id(), 1).getFirst();
        JsonNode rows = answer.body().path("reply_markup").path("inline_keyboard");
        assertThat(rows.get(0).get(0).path("text").asText()).isEqualTo("Why this model?");
        assertThat(rows.get(1).get(0).path("text").asText()).isEqualTo("👍");
        assertThat(rows.get(1).get(1).path("text").asText()).isEqualTo("👎");
        int messageId = answer.result().path("message_id").asInt();

        assertThat(press(ria, ria.id(), messageId, rows.get(1).get(0))).isEqualTo("Thanks, noted: 👍");
        assertThat(press(ria, ria.id(), messageId, rows.get(1).get(1))).isEqualTo("Changed to 👎");
        assertThat(latestScores(ria.id())).containsExactly(Map.of("score", 1, "source", "button", "n", 2));

        long rated = telegram.mark();
        telegram.sendPrivate(TOKEN, ria, "/rate 4 right, but terse");
        assertThat(telegram.awaitMessages(rated, ria.id(), 1).getFirst().text())
                .startsWith("Rating changed to 4/5 for ");
        assertThat(latestScores(ria.id())).containsExactly(Map.of("score", 4, "source", "rate", "n", 3));
        String question = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT question || ' | ' || comment FROM ratings WHERE user_id = :u ORDER BY id DESC LIMIT 1")
                .bind("u", ria.id()).mapTo(String.class).one());
        assertThat(question).isEqualTo("What is the capital of France? | right, but terse");
    }

    @Test
    void betterModelCountsAsAThumbDownAndAnswersAgainWithAStrongerModel() {
        TelegramUser ivo = new TelegramUser(7305, "Ivo", "ivo");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, ivo, "What is the tallest mountain in Africa?");
        BotCall answer = telegram.awaitMessages(mark, ivo.id(), 1).getFirst();
        JsonNode rows = answer.body().path("reply_markup").path("inline_keyboard");
        JsonNode better = rows.get(2).get(0);
        assertThat(better.path("text").asText()).isEqualTo("↻ Better model");
        assertThat(better.path("callback_data").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(64);
        String first = latestAnswerModel();
        int messageId = answer.result().path("message_id").asInt();

        long pressed = telegram.mark();
        assertThat(press(ivo, ivo.id(), messageId, better)).isEqualTo("Noted as 👎 for " + first
                + ". Asking a stronger model…");
        BotCall again = telegram.awaitMessages(pressed, ivo.id(), 1).getFirst();
        String second = latestAnswerModel();
        assertThat(second).isNotEqualTo(first);
        assertThat(again.text()).contains("— " + second + " · ");
        String why = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT explanation FROM answers ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
        assertThat(why).contains("asked again for a better answer than " + first + "'s");
        assertThat(latestScores(ivo.id())).contains(Map.of("score", 1, "source", "better", "n", 1));
        String rated = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT model FROM ratings WHERE user_id = :u AND source = 'better'").bind("u", ivo.id())
                .mapTo(String.class).one());
        assertThat(rated).isEqualTo(first);

        assertThat(press(ivo, ivo.id(), messageId, better)).isEqualTo("You already asked a stronger model for this one.");
    }

    @Test
    void statsAnswerAnAdminWithEveryModelAndOthersWithTheirOwn() {
        TelegramUser kai = new TelegramUser(7306, "Kai", "kai");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, kai, "What is the capital of Peru?");
        BotCall answer = telegram.awaitMessages(mark, kai.id(), 1).getFirst();
        JsonNode rows = answer.body().path("reply_markup").path("inline_keyboard");
        press(kai, kai.id(), answer.result().path("message_id").asInt(), rows.get(1).get(0));
        String model = latestAnswerModel();

        long own = telegram.mark();
        telegram.sendPrivate(TOKEN, kai, "/stats");
        String mine = telegram.awaitMessages(own, kai.id(), 1).getFirst().text();
        assertThat(mine).startsWith("Your ratings: 1 answer").contains(model + ": 1, 1 good")
                .contains("How every model is rated is for the bot's admins to see.");

        TelegramUser admin = new TelegramUser(ADMIN, "Ada", "ada");
        long asked = telegram.mark();
        telegram.sendPrivate(TOKEN, admin, "/stats");
        List<BotCall> calls = telegram.await(asked, Duration.ofSeconds(20), c -> c.stream()
                .anyMatch(x -> x.is("sendPhoto") && x.chatId() == ADMIN));
        String text = BotCall.messagesTo(calls, ADMIN).getFirst().text();
        assertThat(text).startsWith("Ratings by domain and model").contains("factual:")
                .containsPattern(java.util.regex.Pattern.quote(model) + ": \\d+ ratings?, \\d+% good, \\$[0-9.]+ per good answer");
        BotCall photo = calls.stream().filter(c -> c.is("sendPhoto")).findFirst().orElseThrow();
        String part = photo.body().path("photo").asText().replace("attach://", "");
        assertThat(photo.body().path(part).path("png").asBoolean()).isTrue();
    }

    @Test
    void rateNeedsAScoreAndAnAnswer() {
        TelegramUser sol = new TelegramUser(7302, "Sol", "sol");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, sol, "/rate 5");
        assertThat(telegram.awaitMessages(mark, sol.id(), 1).getFirst().text())
                .isEqualTo("There is no answer of mine to rate yet.");
        long second = telegram.mark();
        telegram.sendPrivate(TOKEN, sol, "/rate excellent");
        assertThat(telegram.awaitMessages(second, sol.id(), 1).getFirst().text())
                .startsWith("Rate an answer from 1 (bad) to 5 (good)");
        long third = telegram.mark();
        telegram.sendPrivate(TOKEN, sol, "/rate 9");
        assertThat(telegram.awaitMessages(third, sol.id(), 1).getFirst().text()).startsWith("Rate an answer from 1");
        assertThat(latestScores(sol.id())).isEmpty();
    }

    @Test
    void inAGroupEachMemberRatesForThemselvesAndAMultiRatingNamesItsStrategy() {
        TelegramUser tom = new TelegramUser(7303, "Tom", "tom");
        TelegramUser uli = new TelegramUser(7304, "Uli", "uli");
        long mark = telegram.mark();
        telegram.sendGroup(TOKEN, tom, GROUP, "/multi@ChorusTestBot parallel Write a haiku about rain");
        BotCall answer = telegram.await(mark, Duration.ofSeconds(20), calls -> calls.stream()
                .anyMatch(c -> c.chatId() == GROUP && c.text().contains("<i>— 🎼 parallel")))
                .stream().filter(c -> c.chatId() == GROUP && c.text().contains("<i>— 🎼 parallel")).findFirst()
                .orElseThrow();
        JsonNode rows = answer.body().path("reply_markup").path("inline_keyboard");
        int messageId = answer.body().has("message_id") ? answer.body().path("message_id").asInt()
                : answer.result().path("message_id").asInt();
        assertThat(press(tom, GROUP, messageId, rows.get(1).get(0))).isEqualTo("Thanks, noted: 👍");
        assertThat(press(uli, GROUP, messageId, rows.get(1).get(1))).isEqualTo("Thanks, noted: 👎");

        long rated = telegram.mark();
        telegram.sendGroup(TOKEN, uli, GROUP, "/rate@ChorusTestBot 2");
        assertThat(BotCall.messagesTo(telegram.await(rated, Duration.ofSeconds(10), calls -> calls.stream()
                .anyMatch(c -> c.chatId() == GROUP && c.text().contains("Reply /rate"))), GROUP))
                .anySatisfy(c -> assertThat(c.text()).isEqualTo("Reply /rate to the answer you mean, so I know which one."));
        long replied = telegram.mark();
        telegram.sendGroupReply(TOKEN, uli, GROUP, "/rate@ChorusTestBot 2 too gloomy", messageId, answer.text());
        List<BotCall> reply = telegram.await(replied, Duration.ofSeconds(10), calls -> calls.stream()
                .anyMatch(c -> c.chatId() == GROUP && c.text().startsWith("Rating changed to 2/5")));
        assertThat(BotCall.messagesTo(reply, GROUP)).anySatisfy(c -> assertThat(c.text())
                .startsWith("Rating changed to 2/5 for the parallel run led by "));

        assertThat(latestScores(tom.id())).containsExactly(Map.of("score", 5, "source", "button", "n", 1));
        assertThat(latestScores(uli.id())).containsExactly(Map.of("score", 2, "source", "rate", "n", 2));
        String strategy = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT DISTINCT strategy FROM ratings WHERE chat_id = :g").bind("g", GROUP).mapTo(String.class).one());
        assertThat(strategy).isEqualTo("parallel");
    }

    private static String latestAnswerModel() {
        return bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT model FROM answers ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
    }

    /** Presses a button and returns the text its acknowledgement showed. */
    private static String press(TelegramUser user, long chatId, int messageId, JsonNode button) {
        long mark = telegram.mark();
        telegram.pressButton(TOKEN, user, chatId, messageId, button.path("callback_data").asText());
        return telegram.await(mark, Duration.ofSeconds(10), calls -> calls.stream()
                        .anyMatch(c -> c.is("answerCallbackQuery"))).stream()
                .filter(c -> c.is("answerCallbackQuery")).findFirst().orElseThrow().body().path("text").asText();
    }

    /** The person's current rating (the newest event) and how many events they left, per answer. */
    private static List<Map<String, Object>> latestScores(long userId) {
        return bot.chorus.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT r.score, r.source, (SELECT COUNT(*) FROM ratings x WHERE x.answer_id = r.answer_id
                                             AND x.user_id = r.user_id) AS n
                FROM ratings r WHERE r.user_id = :u AND r.id = (SELECT MAX(id) FROM ratings y
                    WHERE y.answer_id = r.answer_id AND y.user_id = r.user_id)
                """).bind("u", userId).map((rs, ctx) -> Map.<String, Object>of("score", rs.getInt("score"),
                "source", rs.getString("source"), "n", rs.getInt("n"))).list());
    }
}
