package dev.chorus.provider.resilience;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Timers that cancel calls which take too long. One daemon thread serves every call. Thread-safe. */
final class Watchdog {
    static final Watchdog SHARED = new Watchdog();

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chorus-watchdog").daemon().factory());

    ScheduledFuture<?> after(Duration delay, Runnable action) {
        return timers.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
}
