package dev.chorus.telegram;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work on virtual threads, many chats at once, but the tasks of one chat one after another in
 * the order they were submitted: a user's second question is answered after the first. Thread-safe.
 */
final class ChatSerialExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatSerialExecutor.class);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    void submit(long chatId, Runnable task) {
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] created = new CompletableFuture[1];
        tails.compute(chatId, (id, tail) -> {
            CompletableFuture<Void> previous = tail == null ? CompletableFuture.completedFuture(null) : tail;
            created[0] = previous.handleAsync((ignored, error) -> {
                runSafely(chatId, task);
                return null;
            }, threads);
            return created[0];
        });
        // Outside compute(): the future may already be done, and its callback touches the map.
        CompletableFuture<Void> mine = created[0];
        mine.whenComplete((ignored, error) -> tails.remove(chatId, mine));
    }

    /** How many chats have work queued or running. */
    int activeChats() {
        return tails.size();
    }

    private static void runSafely(long chatId, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
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
