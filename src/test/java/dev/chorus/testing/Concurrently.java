package dev.chorus.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs work at once on many threads, as concurrent requests (of one process or several) would come. */
public final class Concurrently {
    private Concurrently() {
    }

    /** Runs every call, 16 at a time; their results in the calls' order, or the first failure. */
    public static <T> List<T> runAll(List<? extends Callable<T>> calls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
