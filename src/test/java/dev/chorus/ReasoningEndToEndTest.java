package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.money.MoneyFormat;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Today's models through the real bot: a reasoning model pinned in config answers with its reasoning
 * tokens in the footer and the exact cost of all its output (reasoning included) in the footer and
 * the ledger; a model its provider says is gone is set aside, the next model answers, and the admins
 * are told once.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ReasoningEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final long ADMIN = 9901;

    @TempDir
    static Path dir;
    static BotHarness bot;
    static TelegramEmulator telegram;
    static FakeOpenAi gemini;

    @BeforeAll
    static void start() throws Exception {
        gemini = FakeOpenAi.gemini();
        bot = BotHarness.start(dir, "model.default=gpt-5.4-mini", "admins=" + ADMIN,
                "gemini.api-key=gemini-test-key", "gemini.base-url=" + gemini.baseUrl());
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
        gemini.close();
    }

    @Test
    @org.junit.jupiter.api.Order(0)
    void geminiAnswersThroughItsOpenAiCompatibleEndpointWithItsThoughtsCountedAndCharged() {
        TelegramUser wen = new TelegramUser(9904, "Wen", "wen");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, wen, "/model gemini-2.5-flash");
        telegram.awaitMessages(mark, wen.id(), 1);
        long asked = telegram.mark();
        telegram.sendPrivate(TOKEN, wen, "What is Rust?");
        BotCall answer = telegram.awaitMessages(asked, wen.id(), 1).getFirst();

        ModelSpec model = bot.chorus.catalog().find("gemini-2.5-flash").orElseThrow();
        long cost = model.price().costMicros(new Usage(9, 0, 309, 298, false));
        assertThat(answer.text()).contains("Rust keeps memory safe without a garbage collector.")
                .contains("gemini-2.5-flash · ").contains(MoneyFormat.dollars(cost)).contains("reasoning 298 tokens");
        com.fasterxml.jackson.databind.JsonNode request = gemini.requests().getLast();
        assertThat(request.path("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(request.path("reasoning_effort").asText()).isEqualTo("low");
        assertThat(gemini.authorizations().getLast()).isEqualTo("Bearer gemini-test-key");
        long charged = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT SUM(amount_micros) FROM ledger WHERE kind = 'charge' AND scope_kind = 'user' AND scope_id = :u")
                .bind("u", wen.id()).mapTo(Long.class).one());
        assertThat(charged).isEqualTo(cost);
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void aReasoningModelAnswersWithItsReasoningTokensAndExactCostInTheFooterAndTheLedger() {
        TelegramUser uma = new TelegramUser(9902, "Uma", "uma");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, uma, "A bat and a ball cost $1.10; the bat costs $1.00 more. What does the ball cost?");
        BotCall answer = telegram.awaitMessages(mark, uma.id(), 1).getFirst();

        ModelSpec model = bot.chorus.catalog().find("gpt-5.4-mini").orElseThrow();
        long cost = model.price().costMicros(new Usage(31, 0, 1_216, 1_204, false));
        assertThat(answer.text()).contains("The ball costs 5 cents.")
                .contains("gpt-5.4-mini · ").contains(MoneyFormat.dollars(cost)).contains("reasoning 1,204 tokens");
        com.fasterxml.jackson.databind.JsonNode request = bot.openAi.requests().getLast();
        assertThat(request.path("max_completion_tokens").asInt()).as("the answer's 1,024 and low effort's 2,048")
                .isEqualTo(1_024 + 2_048);
        assertThat(request.has("max_tokens")).isFalse();
        assertThat(request.has("temperature")).isFalse();
        assertThat(request.path("reasoning_effort").asText()).isEqualTo("low");
        long charged = bot.chorus.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT SUM(amount_micros) FROM ledger WHERE kind = 'charge' AND scope_kind = 'user' AND scope_id = :u")
                .bind("u", uma.id()).mapTo(Long.class).one());
        assertThat(charged).isEqualTo(cost);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aModelItsProviderSaysIsGoneIsSetAsideTheNextAnswersAndTheAdminsAreToldOnce() {
        TelegramUser vic = new TelegramUser(9903, "Vic", "vic");
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, vic, "What is Rust? " + FakeOpenAi.MODEL_GONE);
        List<BotCall> calls = telegram.await(mark, Duration.ofSeconds(20), c -> c.stream()
                .anyMatch(x -> x.chatId() == vic.id() && x.text().contains("backup-model")));
        assertThat(BotCall.messagesTo(calls, vic.id())).anySatisfy(c -> assertThat(c.text()).contains("backup-model"));
        assertThat(telegram.await(mark, Duration.ofSeconds(10), c -> c.stream()
                .anyMatch(x -> x.chatId() == ADMIN && x.text().contains("gpt-5.4-mini is gone")))).isNotEmpty();

        long again = telegram.mark();
        telegram.sendPrivate(TOKEN, vic, "And what is Go?");
        BotCall next = telegram.awaitMessages(again, vic.id(), 1).getFirst();
        assertThat(next.text()).as("the pin is set aside, not silently kept").doesNotContain("— gpt-5.4-mini ·");
        assertThat(telegram.callsSince(again)).as("the admins are told once").noneMatch(x -> x.chatId() == ADMIN);
        assertThat(bot.chorus.catalog().find("gpt-5.4-mini")).as("still in the catalog, only set aside").isPresent();
    }
}
