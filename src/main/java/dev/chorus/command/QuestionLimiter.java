package dev.chorus.command;

import java.time.Duration;
import java.util.Optional;

/**
 * How many questions a person and a group may ask: a token bucket each (a short burst, then a
 * steady rate per minute), so one person typing twenty messages in a second makes three model
 * calls, not twenty, and a busy group cannot spend the bot's capacity alone. The buckets live in
 * {@link Allowances}: this process, or Redis when replicas share them. Thread-safe.
 */
final class QuestionLimiter {
    static final int USER_BURST = 3;
    static final int GROUP_BURST = 5;

    private final Allowances.Limit user;
    private final Allowances.Limit group;
    private final Allowances allowances;

    QuestionLimiter(int userPerMinute, int groupPerMinute) {
        this(userPerMinute, groupPerMinute, Allowances.local());
    }

    QuestionLimiter(int userPerMinute, int groupPerMinute, Allowances allowances) {
        this.user = new Allowances.Limit(USER_BURST, userPerMinute);
        this.group = new Allowances.Limit(GROUP_BURST, groupPerMinute);
        this.allowances = allowances;
    }

    /** Takes one question from the asker's (and the group's) allowance; empty when allowed, else how long to wait. */
    Optional<Duration> take(Incoming in) {
        String person = "user:" + in.userId();
        if (in.inGroup()) {
            // The person's allowance is checked first, so a refusal by the group costs them nothing.
            Duration own = allowances.peek(person, user);
            if (!own.isZero()) {
                return Optional.of(own);
            }
            Optional<Duration> shared = allowances.take("group:" + in.chatId(), group);
            if (shared.isPresent()) {
                return shared;
            }
        }
        return allowances.take(person, user);
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
