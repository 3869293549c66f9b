package dev.chorus.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' chat queues on a real Redis: a chat's items are handled by one replica, in the
 * order they were offered to either; a replica that dies with items taken but not begun has them
 * handled by the other, first; with Redis down each replica handles what it gets at once.
 */
class RedisChatQueuesTest {
    private static final Duration LEASE = Duration.ofSeconds(1);
    RedisServer redis;
    final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    /** A replica that handles each item at once, noting who handled what. */
    private RedisChatQueues replica(String name) {
        RedisChatQueues queues = new RedisChatQueues(redis.url(), name, LEASE, Duration.ofMinutes(5));
        queues.start((chatId, item, started, done) -> {
            started.run();
            handled.add(name + ":" + item);
            done.run();
        });
        return queues;
    }

    @Test
    void aChatsItemsAreHandledByOneReplicaInTheOrderTheyWereOffered() throws Exception {
        try (RedisChatQueues a = replica("a"); RedisChatQueues b = replica("b")) {
            for (int i = 1; i <= 20; i++) {
                (i % 2 == 0 ? a : b).offer(42, "m" + i);
            }
            awaitUntil(() -> handled.size() == 20);
            assertThat(handled).extracting(h -> h.substring(2))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "m" + i).toList());
            assertThat(handled).extracting(h -> h.substring(0, 1)).as("one replica has the chat").containsOnly("b");
        }
    }

    @Test
    void itemsTakenByAReplicaThatDiedBeforeBeginningThemAreHandledByAnotherFirst() throws Exception {
        RedisChatQueues dying = new RedisChatQueues(redis.url(), "dying", LEASE, Duration.ofMinutes(5));
        List<String> swallowed = new CopyOnWriteArrayList<>();
        dying.start((chatId, item, started, done) -> swallowed.add(item)); // queued locally, never begun
        dying.offer(7, "first");
        dying.offer(7, "second");
        assertThat(swallowed).containsExactly("first", "second");
        dying.abandon();

        try (RedisChatQueues survivor = replica("b")) {
            survivor.offer(7, "third");
            awaitUntil(() -> handled.size() == 3);
            assertThat(handled).containsExactly("b:first", "b:second", "b:third");
        }
    }

    @Test
    void withRedisDownEachReplicaHandlesWhatItGetsAndQueuesAgainOnceItIsBack() throws Exception {
        try (RedisChatQueues a = replica("a")) {
            a.offer(9, "before");
            awaitUntil(() -> handled.size() == 1);
            redis.stop();
            a.offer(9, "during");
            assertThat(handled).as("handled at once, without Redis").containsExactly("a:before", "a:during");
            redis.restart();
            Thread.sleep(RedisChatQueues.RETRY.toMillis() + 200);
            try (RedisChatQueues b = replica("b")) {
                b.offer(9, "after");
                awaitUntil(() -> handled.size() == 3);
                assertThat(handled.get(2)).as("through Redis again: the chat's new owner").isEqualTo("b:after");
            }
        }
    }

    @Test
    void aChatNobodyHasIsTakenAndTheHandlerToldAndAnotherReplicaGetsItOnlyOnceItsOwnerIsGone() throws Exception {
        RedisChatQueues dying = new RedisChatQueues(redis.url(), "dying", LEASE, Duration.ofMinutes(5));
        dying.start((chatId, item, started, done) -> { }); // taken, never begun
        List<Long> ownedBySurvivor = new CopyOnWriteArrayList<>();
        try (RedisChatQueues survivor = new RedisChatQueues(redis.url(), "b", LEASE, Duration.ofMinutes(5))) {
            survivor.start(new ChatQueues.Handler() {
                @Override
                public void handle(long chatId, String item, Runnable started, Runnable done) {
                    started.run();
                    handled.add("b:" + item);
                    done.run();
                }

                @Override
                public void owned(long chatId) {
                    ownedBySurvivor.add(chatId);
                }
            });
            assertThat(dying.owns(5)).as("taken now: its earlier work is picked up where the handler is told").isFalse();
            assertThat(dying.owns(5)).as("its own from then on").isTrue();
            dying.offer(5, "taken, never begun");
            assertThat(survivor.owns(5)).as("a live replica has it").isFalse();
            assertThat(ownedBySurvivor).isEmpty();

            dying.abandon();
            awaitUntil(() -> { // once the lease has run out: taken by the look, or by the sweep for the waiting item
                survivor.owns(5);
                return !ownedBySurvivor.isEmpty();
            });
            awaitUntil(() -> survivor.owns(5)); // told first, then its own
            assertThat(ownedBySurvivor).containsExactly(5L);
            // the item the gone replica had taken is handed out by the new owner
            awaitUntil(() -> handled.size() == 1);
            assertThat(handled).containsExactly("b:taken, never begun");
        }
    }

    @Test
    void aChatHeldForWorkThatCameAsNoItemIsKeptPastItsAffinity() throws Exception {
        Duration affinity = Duration.ofMillis(300);
        try (RedisChatQueues a = new RedisChatQueues(redis.url(), "a", LEASE, affinity);
             RedisChatQueues b = new RedisChatQueues(redis.url(), "b", LEASE, affinity)) {
            a.start((chatId, item, started, done) -> { });
            b.start((chatId, item, started, done) -> { });
            a.owns(8);
            Runnable release = a.hold(8);
            Thread.sleep(affinity.toMillis() * 4);
            assertThat(b.owns(8)).as("still a's while it works").isFalse();
            assertThat(a.owns(8)).isTrue();
            release.run();
            awaitUntil(() -> {
                b.owns(8);
                return b.owns(8);
            });
            assertThat(a.owns(8)).as("given up once idle past the affinity").isFalse();
        }
    }

    @Test
    void anUpdateHandedOutTwiceIsBegunOnceAcrossReplicas() {
        try (RedisChatQueues a = replica("a"); RedisChatQueues b = replica("b")) {
            assertThat(a.begin(123_456L)).isTrue();
            assertThat(b.begin(123_456L)).as("begun by a already").isFalse();
            assertThat(a.begin(123_456L)).isFalse();
            assertThat(b.begin(123_457L)).isTrue();
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
