package dev.chorus.telegram;

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
 * bot added). A lane has at most {@link #MAX_QUEUED_PER_CHAT} tasks waiting (or running); one flooding
 * the bot cannot pile up work without end. Thread-safe.
 */
final class ChatSerialExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatSerialExecutor.class);
    static final int MAX_QUEUED_PER_CHAT = 20;

    private final int maxQueued;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Lane, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Lane, Integer> queued = new ConcurrentHashMap<>();

    /** Whose tasks run in order: a chat, and within a group one member (0 for the chat itself). */
    record Lane(long chatId, long member) {
    }

    ChatSerialExecutor() {
        this(MAX_QUEUED_PER_CHAT);
    }

    ChatSerialExecutor(int maxQueuedPerChat) {
        this.maxQueued = maxQueuedPerChat;
    }

    /** Queues {@code task} behind the chat's earlier ones; false (and nothing queued) when the chat's queue is full. */
    boolean submit(long chatId, Runnable task) {
        return submit(new Lane(chatId, 0), task);
    }

    /** Queues {@code task} behind the lane's earlier ones; false (and nothing queued) when the lane's queue is full. */
    boolean submit(Lane lane, Runnable task) {
        long chatId = lane.chatId();
        boolean[] accepted = new boolean[1];
        queued.compute(lane, (id, count) -> {
            int now = count == null ? 0 : count;
            accepted[0] = now < maxQueued;
            return accepted[0] ? now + 1 : count;
        });
        if (!accepted[0]) {
            return false;
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] created = new CompletableFuture[1];
        tails.compute(lane, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            created[0] = previous.handleAsync((ignored, error) -> {
                try {
                    runSafely(chatId, task);
                } finally {
                    // a chat with nothing left queued leaves the map, so quiet chats cost nothing
                    queued.computeIfPresent(lane, (key, count) -> count <= 1 ? null : count - 1);
                }
                return null;
            }, threads);
            return created[0];
        });
        // Outside compute(): the future may already be done, and its callback touches the map.
        CompletableFuture<Void> mine = created[0];
        mine.whenComplete((ignored, error) -> tails.remove(lane, mine));
        return true;
    }

    /** How many lanes have work queued or running. */
    int activeChats() {
        return tails.size();
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
