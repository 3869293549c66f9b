package dev.chorus.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * Where question allowances (token buckets) live: in this process, or in a store every replica
 * shares, so that a person's six questions a minute stay six when a balancer spreads them.
 * Implementations are thread-safe.
 */
public interface Allowances {
    /** How long until one question of {@code key}'s allowance is free; zero when it is now. Takes nothing. */
    Duration peek(String key, Limit limit);

    /** Takes one question from {@code key}'s allowance: empty when taken, else how long to wait. */
    Optional<Duration> take(String key, Limit limit);

    /** Whether the allowances are shared by every replica right now (not this process's own). */
    default boolean shared() {
        return false;
    }

    /** {@code burst} questions at once, then {@code perMinute} a minute. */
    record Limit(int burst, int perMinute) {
        Bandwidth bandwidth() {
            return Bandwidth.builder().capacity(Math.min(burst, perMinute)).refillGreedy(perMinute, Duration.ofMinutes(1))
                    .build();
        }

        public BucketConfiguration configuration() {
            return BucketConfiguration.builder().addLimit(bandwidth()).build();
        }
    }

    /** Buckets in this process's memory, forgotten ten idle minutes after their last question. */
    static Allowances local() {
        return new Local();
    }

    /** What {@link #local()} returns. */
    final class Local implements Allowances {
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(200_000).build();

        private Local() {
        }

        private Bucket bucket(String key, Limit limit) {
            return buckets.get(key, k -> Bucket.builder().addLimit(limit.bandwidth()).build());
        }

        @Override
        public Duration peek(String key, Limit limit) {
            EstimationProbe probe = bucket(key, limit).estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        }

        @Override
        public Optional<Duration> take(String key, Limit limit) {
            ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
