package dev.chorus.telegram;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on virtual threads, many lanes at once, but the tasks of one lane one after another in
 * the order they were submitted: a user's second question is answered after the first. A lane is a
 * private chat, or one member of a group: members' questions are independent of each other, so one
 * member's long answer never holds up another's (in a busy group that wait was most of the time the
 * bot added). A group's commands that change what others get (a budget, the mode, the cache's
 * sharing) are chat-wide: each waits for its sender's earlier tasks and the chat-wide ones before
 * it, and every member's later task waits for it, so "the admin set the budget, then I asked" holds.
 * A lane has at most {@link #MAX_QUEUED_PER_CHAT} tasks waiting (or running); one flooding the bot
 * cannot pile up work without end. Thread-safe.
 */
final class ChatSerialExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatSerialExecutor.class);
    static final int MAX_QUEUED_PER_CHAT = 20;
    /** All of a group's lanes together: many accounts flooding one group cannot pile up work without end either. */
    static final int MAX_QUEUED_PER_GROUP = 200;
    private static final long CHAT_WIDE = Long.MIN_VALUE;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final int maxQueued;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    // guarded by itself: a task's two tails (its lane's and its chat's) are read and set together
    private final Map<Key, CompletableFuture<Void>> tails = new HashMap<>();
    private final ConcurrentHashMap<Key, Integer> queued = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, Integer> queuedInChat = new ConcurrentHashMap<>();
    private final int maxQueuedInChat;

    /**
     * Whose tasks run in order: a chat, and within a group one member (0 for the chat itself).
     *
     * @param chatWide whether every member's later tasks wait for this one
     */
    record Lane(long chatId, long member, boolean chatWide) {
        Lane(long chatId, long member) {
            this(chatId, member, false);
        }
    }

    private record Key(long chatId, long member) {
    }

    ChatSerialExecutor() {
        this(MAX_QUEUED_PER_CHAT);
    }

    ChatSerialExecutor(int maxQueuedPerChat) {
        this(maxQueuedPerChat, MAX_QUEUED_PER_GROUP);
    }

    ChatSerialExecutor(int maxQueuedPerLane, int maxQueuedPerChat) {
        this.maxQueued = maxQueuedPerLane;
        this.maxQueuedInChat = maxQueuedPerChat;
    }

    /** Queues {@code task} behind the chat's earlier ones; false (and nothing queued) when the chat's queue is full. */
    boolean submit(long chatId, Runnable task) {
        return submit(new Lane(chatId, 0), task);
    }

    /** Queues {@code task} behind the lane's earlier ones; false (and nothing queued) when the lane's queue is full. */
    boolean submit(Lane lane, Runnable task) {
        long chatId = lane.chatId();
        Key own = new Key(chatId, lane.member());
        Key chat = new Key(chatId, CHAT_WIDE);
        boolean[] accepted = new boolean[1];
        queued.compute(own, (id, count) -> {
            int now = count == null ? 0 : count;
            accepted[0] = now < maxQueued;
            return accepted[0] ? now + 1 : count;
        });
        if (!accepted[0]) {
            return false;
        }
        queuedInChat.compute(chatId, (id, count) -> {
            int now = count == null ? 0 : count;
            accepted[0] = now < maxQueuedInChat;
            return accepted[0] ? now + 1 : count;
        });
        if (!accepted[0]) {
            queued.computeIfPresent(own, (key, count) -> count <= 1 ? null : count - 1);
            return false;
        }
        CompletableFuture<Void> mine;
        synchronized (tails) {
            CompletableFuture<Void> ownTail = tails.getOrDefault(own, DONE);
            CompletableFuture<Void> chatTail = tails.getOrDefault(chat, DONE);
            CompletableFuture<Void> after = chatTail == DONE || chatTail == ownTail ? ownTail
                    : CompletableFuture.allOf(ownTail, chatTail);
            mine = after.handleAsync((ignored, error) -> {
                try {
                    runSafely(chatId, task);
                } finally {
                    // a lane with nothing left queued leaves the map, so quiet chats cost nothing
                    queued.computeIfPresent(own, (key, count) -> count <= 1 ? null : count - 1);
                    queuedInChat.computeIfPresent(chatId, (key, count) -> count <= 1 ? null : count - 1);
                }
                return null;
            }, threads);
            tails.put(own, mine);
            if (lane.chatWide()) {
                tails.put(chat, mine);
            }
        }
        CompletableFuture<Void> done = mine;
        mine.whenComplete((ignored, error) -> {
            synchronized (tails) {
                tails.remove(own, done);
                tails.remove(chat, done);
            }
        });
        return true;
    }

    /** How many lanes have work queued or running. */
    int activeChats() {
        synchronized (tails) {
            return tails.size();
        }
    }

    /** A bug in one chat's task must not stop that chat's queue; an Error (out of memory) is the JVM's to handle. */
    private static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("unhandled error in chat {}", chatId, e);
        }
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
