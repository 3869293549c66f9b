package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.FakeOpenAi;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hard question to /ask escalates to the verify strategy (escalation.strategy's default): the
 * stronger model answers, a model of the other provider checks it, the chat shows both at work, and
 * a real problem is revised once and said. /multi verify asks for the same by name. The catalog is
 * the config's own: "mid" (OpenAI, 0.90) clears the bar for a hard maths question, "big" (backup,
 * 1.0, 1.5× the price) is worth escalating to.
 */
class EscalationEndToEndTest {
    static final String HARD = "Find all positive integers $n$ such that $n^2 + 2n + 3$ divides $n^4 + 4n^2 + 7$, "
            + "and prove that your list is complete.";

    @TempDir
    static Path dir;
    static BotHarness bot;

    @BeforeAll
    static void start() throws Exception {
        bot = BotHarness.start(dir, "catalog.builtin=false", "model.default=auto", "model.fallbacks=",
                "provider.max-retries=0",
                "models.mid.provider=openai", "models.mid.api-model=gpt-4o-mini", "models.mid.context-window=128000",
                "models.mid.price.input=1", "models.mid.price.output=4", "models.mid.capabilities=all:0.9",
                "models.big.provider=backup", "models.big.context-window=128000",
                "models.big.price.input=1.5", "models.big.price.output=6", "models.big.capabilities=all:1.0",
                "models.backup-model.capabilities=all:0.3",
                "multi.pipeline=draft:backup-model,critique:mid,final:big");
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void aHardQuestionIsAnsweredByTheStrongerModelAndCheckedByAnother() {
        TelegramUser user = new TelegramUser(9201, "Viv", "viv");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, HARD + " " + FakeOpenAi.SLOW_ANSWER);
        List<BotCall> calls = bot.telegram.await(mark, Duration.ofSeconds(40),
                c -> !BotCall.messagesTo(c, user.id()).isEmpty());
        // the indicator is up while the stronger model writes
        assertThat(calls).anySatisfy(c -> {
            assertThat(c.is("sendMessageDraft")).isTrue();
            assertThat(c.text()).startsWith("🎼 Several models on this, the first at work\n• big · answer · writing");
        });
        BotCall answer = BotCall.messagesTo(calls, user.id()).getFirst();
        assertThat(answer.text()).startsWith("Streaming, word by word")
                .contains("<i>— 🔼 escalated · 🎼 verify · big answer $", " · mid checked $", " · total $");
        assertThat(answer.text()).doesNotContain("Revised once");
    }

    @Test
    void aRealProblemTheCheckerFindsIsRevisedOnceAndSaid() {
        TelegramUser user = new TelegramUser(9202, "Wes", "wes");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi verify What is Rust? " + FakeOpenAi.PROBLEM);
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language with a borrow checker.")
                .contains("(Revised once: a second model found it leaves out the borrow checker)")
                .contains("🎼 verify · ", " checked $", " revised $");
    }

    @Test
    void instructLetsTheStrongModelWriteStepsTheCheapOneFollowsAndTheFooterShowsTheSaving() {
        TelegramUser user = new TelegramUser(9203, "Xan", "xan");
        long mark = bot.telegram.mark();
        int before = bot.backup.requests().size();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi instruct Explain Rust at length " + FakeOpenAi.LONG_ANSWER);
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        // big (backup, the strongest) instructs in 20 tokens; backup-model, the cheapest, writes the 420-token answer
        answer = BotCall.messagesTo(bot.telegram.await(mark, Duration.ofSeconds(20), calls -> BotCall.messagesTo(calls,
                user.id()).stream().anyMatch(c -> c.text().contains("🎼 instruct"))), user.id()).getLast();
        assertThat(answer.text()).contains("🎼 instruct · big instructed $", " · backup-model answer $",
                " · saved $", " against big alone");
        List<com.fasterxml.jackson.databind.JsonNode> sent = bot.backup.requests().subList(before,
                bot.backup.requests().size());
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).toString()).contains("step-by-step instructions");
        assertThat(sent.get(1).path("messages").get(0).path("content").asText())
                .contains("following these instructions from an expert");
    }

    @Test
    void masterWorkerSplitsTheTaskTheWorkersSolveThePartsAndTheMasterAssembles() {
        TelegramUser user = new TelegramUser(9204, "Yul", "yul");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi master-worker Explain Rust");
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language.")
                .contains("🎼 master-worker · big planned $", " subtask $", " · big assembled $")
                .doesNotContain("Left out");
        List<com.fasterxml.jackson.databind.JsonNode> all = new java.util.ArrayList<>(bot.openAi.requests());
        all.addAll(bot.backup.requests());
        assertThat(all).filteredOn(r -> r.toString().contains("Your part: ")).hasSize(2);
        assertThat(all).filteredOn(r -> r.toString().contains("Other assistants solved parts")).singleElement()
                .satisfies(r -> assertThat(r.toString()).contains("Part 1 (Say what Rust is)", "Part 2 (Say why it is safe)"));
    }

    @Test
    void aMasterWhosePlanNeverComesInFormAnswersTheTaskWhole() {
        TelegramUser user = new TelegramUser(9205, "Zoe", "zoe");
        long mark = bot.telegram.mark();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi master-worker Explain Rust " + FakeOpenAi.BAD_PLAN);
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).contains("(The task could not be split, so big answered it whole.)")
                .contains("big planned $", "big answer $");
        // asked for the plan twice (one retry), then for the whole answer
        assertThat(answer.text().split("big planned", -1)).hasSize(3);
    }

    @Test
    void thePipelineRunsTheAdminsStepsInOrderEachSeeingTheOnesBefore() {
        TelegramUser user = new TelegramUser(9206, "Abe", "abe");
        long mark = bot.telegram.mark();
        int openAiBefore = bot.openAi.requests().size();
        int backupBefore = bot.backup.requests().size();
        bot.telegram.sendPrivate(BotHarness.TOKEN, user, "/multi pipeline What is Rust?");
        BotCall answer = bot.telegram.awaitMessages(mark, user.id(), 1).getFirst();
        assertThat(answer.text()).startsWith("Rust is a memory-safe systems language.")
                .contains("🎼 pipeline · backup-model draft $", " · mid critique $", " · big final $");
        // draft and final on backup, critique on OpenAI; the final step saw both earlier steps
        List<com.fasterxml.jackson.databind.JsonNode> backup = bot.backup.requests().subList(backupBefore,
                bot.backup.requests().size());
        assertThat(bot.openAi.requests().size() - openAiBefore).isEqualTo(1);
        assertThat(backup).hasSize(2);
        assertThat(backup.get(1).toString()).contains("\\\"final\\\" step", "\\\"draft\\\" step wrote",
                "\\\"critique\\\" step wrote");
    }
}
