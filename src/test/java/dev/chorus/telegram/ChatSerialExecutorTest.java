package dev.chorus.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatSerialExecutorTest {

    @Test
    void tasksOfOneChatRunInOrderAndChatsRunConcurrently() throws Exception {
        Map<Long, List<Integer>> seen = new ConcurrentHashMap<>();
        CountDownLatch otherChatDone = new CountDownLatch(1);
        CountDownLatch all = new CountDownLatch(201);
        try (ChatSerialExecutor executor = new ChatSerialExecutor(1_000)) {
            // Chat 1's first task waits until chat 2 has run: it would deadlock if chats were serialized together.
            executor.submit(1, () -> {
                await(otherChatDone);
                seen.computeIfAbsent(1L, k -> new CopyOnWriteArrayList<>()).add(-1);
                all.countDown();
            });
            for (int i = 0; i < 100; i++) {
                int n = i;
                executor.submit(1, () -> {
                    seen.computeIfAbsent(1L, k -> new CopyOnWriteArrayList<>()).add(n);
                    all.countDown();
                });
                executor.submit(2, () -> {
                    seen.computeIfAbsent(2L, k -> new CopyOnWriteArrayList<>()).add(n);
                    if (n == 99) {
                        otherChatDone.countDown();
                    }
                    all.countDown();
                });
            }
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(seen.get(1L)).first().isEqualTo(-1);
        assertThat(seen.get(1L).subList(1, 101)).isSorted().hasSize(100);
        assertThat(seen.get(2L)).isSorted().hasSize(100);
    }

    @Test
    void aGroupMembersLongTaskDoesNotHoldUpAnotherMemberButHoldsUpTheirOwnNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch otherMember = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        try (ChatSerialExecutor executor = new ChatSerialExecutor()) {
            executor.submit(new ChatSerialExecutor.Lane(-100, 1), () -> {
                await(release);
                order.add("alice first");
            });
            executor.submit(new ChatSerialExecutor.Lane(-100, 1), () -> order.add("alice second"));
            executor.submit(new ChatSerialExecutor.Lane(-100, 2), () -> {
                order.add("bob");
                otherMember.countDown();
            });
            assertThat(otherMember.await(5, TimeUnit.SECONDS)).as("Bob is not behind Alice").isTrue();
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (order.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
        }
        assertThat(order).containsExactly("bob", "alice first", "alice second");
    }

    @Test
    void aChatWideCommandWaitsForItsSendersEarlierTasksAndEveryonesLaterOnesWaitForIt() throws Exception {
        CountDownLatch releaseBob = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(4);
        List<String> order = new CopyOnWriteArrayList<>();
        try (ChatSerialExecutor executor = new ChatSerialExecutor()) {
            executor.submit(new ChatSerialExecutor.Lane(-7, 2), () -> {
                await(releaseBob);
                order.add("bob asks");
                done.countDown();
            });
            executor.submit(new ChatSerialExecutor.Lane(-7, 2, true), () -> {
                order.add("bob sets the mode");
                done.countDown();
            });
            executor.submit(new ChatSerialExecutor.Lane(-7, 1), () -> {
                order.add("alice asks");
                done.countDown();
            });
            executor.submit(new ChatSerialExecutor.Lane(-7, 3), () -> {
                order.add("carol asks");
                done.countDown();
            });
            Thread.sleep(200);
            assertThat(order).as("everyone waits for Bob's command, which waits for his question").isEmpty();
            releaseBob.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(order.subList(0, 2)).containsExactly("bob asks", "bob sets the mode");
        assertThat(order.subList(2, 4)).containsExactlyInAnyOrder("alice asks", "carol asks");
    }

    @Test
    void manyMembersFloodingOneGroupHitTheGroupsCapWhileOtherChatsGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ChatSerialExecutor executor = new ChatSerialExecutor(20, 5)) {
            for (int member = 1; member <= 5; member++) {
                assertThat(executor.submit(new ChatSerialExecutor.Lane(-9, member), () -> await(release))).isTrue();
            }
            assertThat(executor.submit(new ChatSerialExecutor.Lane(-9, 6), () -> { }))
                    .as("the sixth member's task in a full group").isFalse();
            assertThat(executor.submit(new ChatSerialExecutor.Lane(-10, 1), () -> { })).as("another group").isTrue();
            release.countDown();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            boolean accepted = false;
            while (!accepted && System.nanoTime() < until) {
                Thread.sleep(20);
                accepted = executor.submit(new ChatSerialExecutor.Lane(-9, 6), () -> { });
            }
            assertThat(accepted).as("room again once the group's tasks ran").isTrue();
        }
    }

    @Test
    void onlyGroupCommandsThatAreNoQuestionsAreChatWide() {
        assertThat(UpdateHandler.changesTheChat("/budget@bot set group 3/week")).isTrue();
        assertThat(UpdateHandler.changesTheChat("/mode cheap")).isTrue();
        assertThat(UpdateHandler.changesTheChat("/ask@bot What is Rust?")).isFalse();
        assertThat(UpdateHandler.changesTheChat("/multi What is Rust?")).isFalse();
        assertThat(UpdateHandler.changesTheChat("@bot what is rust")).isFalse();
        assertThat(UpdateHandler.changesTheChat(null)).isFalse();
    }

    @Test
    void aFailingTaskDoesNotStopTheChatsQueue() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        try (ChatSerialExecutor executor = new ChatSerialExecutor()) {
            executor.submit(5, () -> {
                throw new IllegalStateException("boom");
            });
            executor.submit(5, ran::countDown);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void finishedChatsAreForgotten() throws Exception {
        try (ChatSerialExecutor executor = new ChatSerialExecutor()) {
            CountDownLatch done = new CountDownLatch(50);
            for (long chat = 0; chat < 50; chat++) {
                executor.submit(chat, done::countDown);
            }
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (executor.activeChats() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(executor.activeChats()).isZero();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aChatsQueueIsBoundedAndFreesUpAsItsTasksRun() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        try (ChatSerialExecutor executor = new ChatSerialExecutor(3)) {
            assertThat(executor.submit(1, () -> {
                await(release);
                done.countDown();
            })).isTrue();
            assertThat(executor.submit(1, done::countDown)).isTrue();
            assertThat(executor.submit(1, done::countDown)).isTrue();
            assertThat(executor.submit(1, done::countDown)).as("the fourth of a busy chat").isFalse();
            assertThat(executor.submit(2, () -> { })).as("another chat").isTrue();
            release.countDown();
            assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50);
            assertThat(executor.submit(1, () -> { })).isTrue();
        }
    }
}
