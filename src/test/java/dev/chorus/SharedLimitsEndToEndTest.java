package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.Allowances;
import dev.chorus.shared.RedisAllowances;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.RedisServer;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real bot with {@code redis.url}: a person's question allowance is kept in Redis, where another
 * replica sees it spent, and the fourth question of a burst is refused as it is on one machine.
 */
class SharedLimitsEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aPersonsAllowanceIsKeptInRedisForEveryReplica() throws Exception {
        try (RedisServer redis = RedisServer.start();
             BotHarness bot = BotHarness.start(dir, "redis.url=" + redis.url());
             RedisAllowances otherReplica = new RedisAllowances(redis.url())) {
            TelegramUser kim = new TelegramUser(9901, "Kim", "kim");
            long mark = bot.telegram.mark();
            for (int i = 0; i < 4; i++) {
                bot.telegram.sendPrivate(BotHarness.TOKEN, kim, "Question number " + i + " about Rust?");
            }
            List<BotCall> replies = bot.telegram.await(mark, Duration.ofSeconds(15), calls -> calls.stream()
                    .filter(c -> c.chatId() == kim.id() && c.is("sendMessage")).count() >= 4);
            assertThat(replies).filteredOn(c -> c.chatId() == kim.id() && c.is("sendMessage"))
                    .anyMatch(c -> c.text().contains("You are asking faster than I can answer"));
            assertThat(otherReplica.peek("user:" + kim.id(), new Allowances.Limit(3, 6)))
                    .as("another replica sees the allowance spent").isPositive();
            assertThat(bot.log.text()).doesNotContain("Redis does not answer");
        }
    }
}
