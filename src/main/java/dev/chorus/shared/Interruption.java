package dev.chorus.shared;

/** Telling a failed Redis call from a thread that was told to stop, which says nothing of Redis. */
final class Interruption {
    private Interruption() {
    }

    /** Whether {@code e} came from this thread's interrupt; if so, the interrupt is kept set. */
    static boolean caused(RuntimeException e) {
        if (e instanceof io.lettuce.core.RedisCommandInterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.currentThread().interrupt();
            return true;
        }
        return false;
    }
}
