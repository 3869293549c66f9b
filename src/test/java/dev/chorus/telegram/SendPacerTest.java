package dev.chorus.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The pacer never lets more through a window than the limit, whatever the burst, and a busy group
 * does not hold up another chat. Limits scaled down so the test takes seconds, not minutes.
 */
class SendPacerTest {
    // a group: 2 at once + 3 a second, so never more than 5 in any second; a chat one per 100 ms after 3
    static final SendPacer.Limits SMALL = new SendPacer.Limits(50, 50, Duration.ofSeconds(1), 3,
            Duration.ofMillis(100), 2, 3, Duration.ofSeconds(1));

    @Test
    void aGroupNeverGetsMoreThanItsLimitInAnyWindowAndOtherChatsAreNotHeldUp() throws Exception {
        SendPacer pacer = new SendPacer(SMALL);
        List<Long> group = new CopyOnWriteArrayList<>();
        List<Long> other = new CopyOnWriteArrayList<>();
        Thread busy = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 9; i++) {
                try {
                    pacer.awaitTurn(-100_1L);
                } catch (InterruptedException e) {
                    return;
                }
                group.add(System.nanoTime());
            }
        });
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            pacer.awaitTurn(42);
            other.add(System.nanoTime());
        }
        long otherTook = other.getLast() - start;
        busy.join();

        assertThat(Duration.ofNanos(otherTook)).as("a private chat's burst does not wait for the busy group")
                .isLessThan(Duration.ofMillis(500));
        assertThat(maxInWindow(group, Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
        assertThat(group).hasSize(9);
    }

    @Test
    void oneOfThreeReplicasKeepsToAThirdOfTheOverallLimit() throws Exception {
        // overall 6 at once + 6 a second: at most 12 in any second alone, 4 as one of three
        SendPacer pacer = new SendPacer(new SendPacer.Limits(6, 6, Duration.ofSeconds(1), 100, Duration.ofMillis(1),
                100, 100, Duration.ofSeconds(1)));
        pacer.shareWith(3);
        List<Long> sent = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 8; i++) {
            pacer.awaitTurn(1000 + i); // a chat each: only the overall limit applies
            sent.add(System.nanoTime());
        }
        assertThat(maxInWindow(sent, Duration.ofSeconds(1))).isLessThanOrEqualTo(4);
        assertThat(Duration.ofNanos(sent.getLast() - start)).as("8 at 2 a second after 2 at once")
                .isGreaterThan(Duration.ofMillis(2_500));
    }

    @Test
    void replicasSharingRedisKeepToTheBotsOverallLimitTogether() throws Exception {
        // overall 4 at once + 4 a second for the bot: at most 8 in any second, however two replicas send
        SendPacer.Limits limits = new SendPacer.Limits(4, 4, Duration.ofSeconds(1), 100, Duration.ofMillis(1),
                100, 100, Duration.ofSeconds(1));
        try (dev.chorus.testing.RedisServer redis = dev.chorus.testing.RedisServer.start();
             dev.chorus.shared.RedisAllowances first = new dev.chorus.shared.RedisAllowances(redis.url());
             dev.chorus.shared.RedisAllowances second = new dev.chorus.shared.RedisAllowances(redis.url())) {
            List<Long> sent = new CopyOnWriteArrayList<>();
            List<Thread> replicas = new ArrayList<>();
            for (dev.chorus.shared.RedisAllowances shared : List.of(first, second)) {
                SendPacer pacer = new SendPacer(limits);
                pacer.shareThrough(shared);
                replicas.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 8; i++) {
                        try {
                            pacer.awaitTurn(5000 + i);
                        } catch (InterruptedException e) {
                            return;
                        }
                        sent.add(System.nanoTime());
                    }
                }));
            }
            for (Thread replica : replicas) {
                replica.join();
            }
            assertThat(sent).hasSize(16);
            assertThat(maxInWindow(sent, Duration.ofSeconds(1))).as("alone, each could send 8 a second")
                    .isLessThanOrEqualTo(8);
        }
    }

    private static int maxInWindow(List<Long> times, Duration window) {
        List<Long> sorted = new ArrayList<>(times);
        sorted.sort(null);
        int most = 0;
        for (int i = 0; i < sorted.size(); i++) {
            int n = 0;
            for (int j = i; j < sorted.size() && sorted.get(j) - sorted.get(i) < window.toNanos(); j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @Test
    void previewsLeaveRoomForTheFinalAnswerAndMoreOfItInAGroup() throws Exception {
        SendPacer pacer = new SendPacer(SendPacer.TELEGRAM);
        assertThat(pacer.tryTurn(42)).isTrue();
        assertThat(pacer.tryTurn(42)).isTrue();
        assertThat(pacer.tryTurn(42)).as("the private chat's last place is the answer's").isFalse();
        assertThat(pacer.tryTurn(-42)).isTrue();
        assertThat(pacer.tryTurn(-42)).as("a group keeps two places for answers").isFalse();
        pacer.awaitTurn(-42);
        pacer.awaitTurn(-42);
    }
}
