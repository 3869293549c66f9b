package dev.chorus.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Optional;

/**
 * How many questions a person and a group may ask: a token bucket each (a short burst, then a
 * steady rate per minute), so one person typing twenty messages in a second makes three model
 * calls, not twenty, and a busy group cannot spend the bot's capacity alone. Buckets of people who
 * have gone quiet are forgotten. Thread-safe.
 */
final class QuestionLimiter {
    static final int USER_BURST = 3;
    static final int GROUP_BURST = 5;

    private final int userPerMinute;
    private final int groupPerMinute;
    private final Cache<Long, Bucket> users = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();
    private final Cache<Long, Bucket> groups = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10))
            .maximumSize(100_000).build();

    QuestionLimiter(int userPerMinute, int groupPerMinute) {
        this.userPerMinute = userPerMinute;
        this.groupPerMinute = groupPerMinute;
    }

    /** Takes one question from the asker's (and the group's) allowance; empty when allowed, else how long to wait. */
    Optional<Duration> take(Incoming in) {
        Bucket user = users.get(in.userId(), id -> bucket(USER_BURST, userPerMinute));
        if (in.inGroup()) {
            Bucket group = groups.get(in.chatId(), id -> bucket(GROUP_BURST, groupPerMinute));
            // The person's allowance is checked first, so a refusal by the group costs them nothing.
            io.github.bucket4j.EstimationProbe own = user.estimateAbilityToConsume(1);
            if (!own.canBeConsumed()) {
                return Optional.of(Duration.ofNanos(own.getNanosToWaitForRefill()));
            }
            ConsumptionProbe shared = group.tryConsumeAndReturnRemaining(1);
            if (!shared.isConsumed()) {
                return Optional.of(Duration.ofNanos(shared.getNanosToWaitForRefill()));
            }
        }
        ConsumptionProbe probe = user.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static Bucket bucket(int burst, int perMinute) {
        int capacity = Math.min(burst, perMinute);
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build();
    }

    /** "12 s", rounded up, at least one second. */
    static String seconds(Duration wait) {
        return seconds(wait, dev.chorus.i18n.Texts.english());
    }

    /** The same in the reader's language ("12 с" in Russian). */
    static String seconds(Duration wait, dev.chorus.i18n.Texts t) {
        return t.get("wait.seconds", Math.max(1, (wait.toMillis() + 999) / 1000));
    }
}
