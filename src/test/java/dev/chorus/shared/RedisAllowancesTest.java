package dev.chorus.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.command.Allowances;
import dev.chorus.testing.LogCapture;
import dev.chorus.testing.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Question allowances in a real Redis, shared by two replicas; an outage falls back to each one's own and recovers. */
class RedisAllowancesTest {
    private static final Allowances.Limit THREE_THEN_SIX = new Allowances.Limit(3, 6);
    static RedisServer redis;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        redis.close();
    }

    @Test
    void aPersonsAllowanceHoldsAcrossReplicas() {
        try (RedisAllowances a = new RedisAllowances(redis.url()); RedisAllowances b = new RedisAllowances(redis.url())) {
            assertThat(a.take("user:1", THREE_THEN_SIX)).isEmpty();
            assertThat(b.take("user:1", THREE_THEN_SIX)).isEmpty();
            assertThat(a.take("user:1", THREE_THEN_SIX)).isEmpty();
            assertThat(b.peek("user:1", THREE_THEN_SIX)).as("the fourth, on the other replica").isPositive();
            assertThat(b.take("user:1", THREE_THEN_SIX)).hasValueSatisfying(wait ->
                    assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(10)));
            assertThat(a.take("user:2", THREE_THEN_SIX)).as("another person").isEmpty();
        }
    }

    @Test
    void whenRedisIsDownEachReplicaLimitsOnItsOwnAndSaysSoOnceThenSharesAgain() throws Exception {
        LogCapture log = new LogCapture();
        log.start();
        try (RedisAllowances a = new RedisAllowances(redis.url(), Duration.ofMillis(300))) {
            assertThat(a.take("user:10", THREE_THEN_SIX)).isEmpty();
            redis.stop();
            for (int i = 0; i < 3; i++) {
                assertThat(a.take("user:20", THREE_THEN_SIX)).as("still limited, locally").isEmpty();
            }
            assertThat(a.take("user:20", THREE_THEN_SIX)).isPresent();
            assertThat(a.reachable()).isFalse();
            redis.restart();
            Thread.sleep(400);
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!a.reachable() && System.nanoTime() < until) {
                a.take("user:30", THREE_THEN_SIX);
                Thread.sleep(100);
            }
            assertThat(a.reachable()).as("back on Redis").isTrue();
        } finally {
            log.stop();
        }
        assertThat(log.text()).containsOnlyOnce("Redis does not answer")
                .contains("Redis answers again").doesNotContain(redis.url());
    }
}
