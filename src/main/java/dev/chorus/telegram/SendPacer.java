package dev.chorus.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * Keeps what the outbox sends under Telegram's limits instead of waiting for its 429s: about 30
 * messages a second in all, one a second in a chat (a short burst allowed), and 20 a minute in a
 * group. A message over a limit waits on its chat's own sender thread, so a busy chat slows only
 * itself, and nothing is dropped. Token buckets (Bucket4j); a chat's bucket is forgotten after ten
 * idle minutes. Thread-safe.
 */
final class SendPacer {
    /**
     * Telegram's limits as buckets that can never exceed them in any window: a bucket of capacity c
     * refilled at r per period lets at most c + r through in one period, so c + r stays at the limit.
     * Overall 10 + 20 a second (Telegram: about 30), a chat 3 at once then one a second, a group 5 + 15
     * a minute (Telegram: 20).
     */
    static final Limits TELEGRAM = new Limits(10, 20, Duration.ofSeconds(1), 3, Duration.ofSeconds(1), 5, 15,
            Duration.ofMinutes(1));

    /**
     * @param overallBurst and {@code overallRate} per {@code overallPeriod}: across all chats
     * @param chatBurst messages a chat may get at once, then one per {@code chatInterval}
     * @param groupBurst and {@code groupRate} per {@code groupPeriod}: in one group
     */
    record Limits(int overallBurst, int overallRate, Duration overallPeriod, int chatBurst, Duration chatInterval,
                  int groupBurst, int groupRate, Duration groupPeriod) {
    }

    private final Limits limits;
    private final Bucket overall;
    private volatile dev.chorus.command.Allowances everyone;
    private final Cache<Long, Bucket> chats = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).build();

    /** @param limits null for no pacing at all */
    SendPacer(Limits limits) {
        this.limits = limits;
        this.overall = limits == null ? null : Bucket.builder().addLimit(Bandwidth.builder().capacity(limits.overallBurst())
                .refillGreedy(limits.overallRate(), limits.overallPeriod()).build()).build();
    }

    /** Waits, on the calling (virtual) thread, until a message to {@code chatId} may go out, and takes its place. */
    void awaitTurn(long chatId) throws InterruptedException {
        if (limits == null) {
            return;
        }
        chats.get(chatId, this::bucketFor).asBlocking().consume(1);
        awaitOverall();
    }

    /**
     * Takes a place for a message to {@code chatId} if there is one now and one more is left, else says
     * no: for what may be skipped (a growing answer's preview), so that it never pushes a chat or the bot
     * over a limit, nor makes the final answer wait.
     */
    boolean tryTurn(long chatId) {
        if (limits == null) {
            return true;
        }
        Bucket chat = chats.get(chatId, this::bucketFor);
        // A preview never takes the chat's last place: the answer's final message must not wait behind
        // it. A group keeps two, since several members' answers may end in the same few seconds and
        // its places come back only one every four seconds.
        if (chat.getAvailableTokens() < (chatId < 0 ? 3 : 2) || !chat.tryConsume(1)) {
            return false;
        }
        if (!tryOverall()) {
            chat.addTokens(1);
            return false;
        }
        return true;
    }

    /**
     * Takes {@code 1/replicas} of the overall limit: Telegram counts a bot's messages across all the
     * processes sending them. (A chat's and a group's limits need no share: one replica owns a chat.)
     */
    void shareWith(int replicas) {
        if (limits == null || replicas < 1) {
            return;
        }
        int burst = Math.max(1, limits.overallBurst() / replicas);
        int rate = Math.max(1, limits.overallRate() / replicas);
        overall.replaceConfiguration(io.github.bucket4j.BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(rate, limits.overallPeriod()).build())
                        .build(), io.github.bucket4j.TokensInheritanceStrategy.PROPORTIONALLY);
    }

    /**
     * Takes the overall places from {@code everyone}'s allowance, shared by all replicas (Redis), so
     * that a replica with busy chats may use what the idle ones leave; while it is not shared (Redis
     * down), this process keeps to its share ({@link #shareWith}).
     */
    void shareThrough(dev.chorus.command.Allowances everyone) {
        this.everyone = everyone;
    }

    private static final String OVERALL = "telegram:overall";

    private dev.chorus.command.Allowances.Limit overallLimit() {
        long perMinute = limits.overallRate() * Duration.ofMinutes(1).toNanos() / limits.overallPeriod().toNanos();
        return new dev.chorus.command.Allowances.Limit(limits.overallBurst(), (int) perMinute);
    }

    /** Waits for a place under the bot's overall limit. */
    private void awaitOverall() throws InterruptedException {
        dev.chorus.command.Allowances shared = everyone;
        if (shared != null && shared.shared()) {
            dev.chorus.command.Allowances.Limit limit = overallLimit();
            while (true) {
                java.util.Optional<Duration> wait = shared.take(OVERALL, limit);
                if (wait.isEmpty()) {
                    return;
                }
                Thread.sleep(Math.max(1, wait.get().toMillis()));
            }
        }
        overall.asBlocking().consume(1);
    }

    private boolean tryOverall() {
        dev.chorus.command.Allowances shared = everyone;
        if (shared != null && shared.shared()) {
            return shared.take(OVERALL, overallLimit()).isEmpty();
        }
        return overall.tryConsume(1);
    }

    /** No pacing: for tests that are not about it. */
    static final SendPacer NONE = new SendPacer(null);

    private Bucket bucketFor(long chatId) {
        // Telegram's group and supergroup ids are negative; a private chat's is the user's id
        if (chatId < 0) {
            return Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(limits.chatBurst()).refillGreedy(1, limits.chatInterval()).build())
                    .addLimit(Bandwidth.builder().capacity(limits.groupBurst())
                            .refillGreedy(limits.groupRate(), limits.groupPeriod()).build())
                    .build();
        }
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limits.chatBurst()).refillGreedy(1, limits.chatInterval()).build())
                .build();
    }
}
