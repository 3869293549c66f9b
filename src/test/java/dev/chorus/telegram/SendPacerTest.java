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
