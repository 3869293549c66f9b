package dev.chorus.orchestration;

import dev.chorus.i18n.Phrase;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages for the bot's admins (a provider refusing our key, ...), as phrases: the chat side renders
 * each in the language of the admin it goes to. The chat side connects its sender once it is
 * running. An alert with the same key is sent at most once per quiet period, so a broken key does
 * not flood the admins with one message per question, nor with one per replica. Thread-safe.
 */
public final class AdminAlerts {
    private static final Logger log = LoggerFactory.getLogger(AdminAlerts.class);

    private final Clock clock;
    private final Duration quietPeriod;
    private final AlertRepeats repeats;
    private volatile Consumer<Phrase> sender;

    public AdminAlerts(Clock clock, Duration quietPeriod, AlertRepeats repeats) {
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        this.repeats = repeats;
    }

    /** Where alerts go from now on (the Telegram adapter, once it knows the admins' chats). */
    public void connect(Consumer<Phrase> sender) {
        this.sender = sender;
    }

    /** Sends {@code text} now; the caller has made sure it is not a repeat. */
    public void send(Phrase text) {
        log.warn("admin alert: {}", text.english());
        Consumer<Phrase> target = sender;
        if (target != null) {
            target.accept(text);
        }
    }

    /** Sends {@code text} unless an alert with {@code key} went out within the quiet period. */
    public void alert(String key, Phrase text) {
        if (sender == null) {
            // not connected yet (the bot is starting): logged only, and not recorded as told, so the
            // next occurrence once connected reaches the admins
            send(text);
            return;
        }
        if (repeats.firstWithin(key, clock.instant(), quietPeriod)) {
            send(text);
        }
    }

    /** The alert for a provider that refused our API key: what broke and the key to fix. */
    public void providerKeyRefused(String provider, String detail) {
        String key = provider.toLowerCase(java.util.Locale.ROOT);
        alert("auth:" + provider, Phrase.of("alert.key_refused", provider, detail, key,
                key.toUpperCase(java.util.Locale.ROOT)));
    }

    /** The alert for a model its provider says is gone: told once; it is out of routing until the catalog changes. */
    public void modelGone(String model, String provider, String detail) {
        alert("gone:" + model, Phrase.of("alert.model_gone", provider, model, detail));
    }
}
