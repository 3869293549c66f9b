package dev.chorus.shared;

import dev.chorus.command.Allowances;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Question allowances in Redis, shared by every replica: Bucket4j's buckets, updated by
 * compare-and-swap, so a person's allowance holds however a balancer spreads their messages. A
 * bucket's key expires once it would be full again. When Redis does not answer (half a second),
 * the allowances fall back to this process's own, said once in the log, and Redis is tried again
 * after {@link #RETRY}; the same line says when it is back. Thread-safe.
 */
public final class RedisAllowances implements Allowances, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisAllowances.class);
    /** How long the local allowances stand in before Redis is tried again. */
    static final Duration RETRY = Duration.ofSeconds(5);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final String PREFIX = "chorus:allowance:";

    private final RedisClient client;
    private final Duration retry;
    private final Supplier<Duration> now;
    private final Allowances local = Allowances.local();
    private final AtomicLong downUntilNanos = new AtomicLong(Long.MIN_VALUE);
    private final java.util.concurrent.locks.ReentrantLock connecting = new java.util.concurrent.locks.ReentrantLock();
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    /** @param url such as {@code redis://localhost:6379} or {@code redis://:password@host:6379/0} */
    public RedisAllowances(String url) {
        this(url, RETRY);
    }

    /** @param retry how long the local allowances stand in before Redis is tried again */
    RedisAllowances(String url, Duration retry) {
        this.retry = retry;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        // a connection attempt to a Redis that is down must not hold a question for Lettuce's 10 s default
        client.setOptions(io.lettuce.core.ClientOptions.builder()
                .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(TIMEOUT).build()).build());
        this.now = () -> Duration.ofNanos(System.nanoTime());
        try {
            connect();
        } catch (RuntimeException e) {
            down(e);
        }
    }

    /** Connects if not connected; false when another caller is connecting right now. */
    private boolean connect() {
        // one caller connects; the others meanwhile use the local allowances instead of queueing
        if (!connecting.tryLock()) {
            return false;
        }
        try {
            if (buckets == null) {
                open();
            }
            return true;
        } finally {
            connecting.unlock();
        }
    }

    private void open() {
        StatefulRedisConnection<String, byte[]> opened = client.connect(RedisCodec.of(StringCodec.UTF8,
                ByteArrayCodec.INSTANCE));
        connection = opened;
        buckets = Bucket4jLettuce.casBasedBuilder(opened)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .requestTimeout(TIMEOUT)
                .build();
    }

    @Override
    public Duration peek(String key, Limit limit) {
        return shared(() -> {
            EstimationProbe probe = buckets.builder().build(PREFIX + key, limit::configuration).estimateAbilityToConsume(1);
            return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
        }, () -> local.peek(key, limit));
    }

    @Override
    public Optional<Duration> take(String key, Limit limit) {
        return shared(() -> {
            ConsumptionProbe probe = buckets.builder().build(PREFIX + key, limit::configuration)
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? Optional.<Duration>empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }, () -> local.take(key, limit));
    }

    /** Whether the last look at Redis found it answering. */
    public boolean reachable() {
        return downUntilNanos.get() == Long.MIN_VALUE;
    }

    @Override
    public boolean shared() {
        return reachable() && buckets != null;
    }

    private <T> T shared(Supplier<T> redis, Supplier<T> fallback) {
        long until = downUntilNanos.get();
        if (until != Long.MIN_VALUE && now.get().toNanos() < until) {
            return fallback.get();
        }
        try {
            if (buckets == null && !connect()) {
                return fallback.get();
            }
            T result = redis.get();
            if (until != Long.MIN_VALUE && downUntilNanos.compareAndSet(until, Long.MIN_VALUE)) {
                log.info("Redis answers again: question limits are shared by the replicas again");
            }
            return result;
        } catch (RuntimeException e) {
            if (!Interruption.caused(e)) {
                // not this thread told to stop (an answer finishing its preview): Redis is failing
                down(e);
            }
            return fallback.get();
        }
    }

    private void down(RuntimeException e) {
        long before = downUntilNanos.getAndSet(now.get().plus(retry).toNanos());
        if (before == Long.MIN_VALUE) {
            log.warn("Redis does not answer ({}): question limits are this replica's own until it does",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
