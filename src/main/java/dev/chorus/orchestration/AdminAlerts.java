package dev.chorus.orchestration;

import dev.chorus.i18n.Phrase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    // what a starting bot keeps to send once connected; more would be one failure told many times
    private static final int EARLY_KEPT = 50;

    private final Clock clock;
    private final Duration quietPeriod;
    private final AlertRepeats repeats;
    private volatile Consumer<Phrase> sender;
    private final List<Held> early = new ArrayList<>();

    public AdminAlerts(Clock clock, Duration quietPeriod, AlertRepeats repeats) {
        this.clock = clock;
        this.quietPeriod = quietPeriod;
        this.repeats = repeats;
    }

    /** Where alerts go from now on (the Telegram adapter, once it knows the admins' chats); those held till now go first. */
    public void connect(Consumer<Phrase> sender) {
        List<Held> held;
        synchronized (early) {
            this.sender = sender;
            held = List.copyOf(early);
            early.clear();
        }
        held.forEach(h -> {
            if (h.key() == null) {
                send(h.text());
            } else {
                alert(h.key(), h.text());
            }
        });
    }

    /** Sends {@code text} now; the caller has made sure it is not a repeat. */
    public void send(Phrase text) {
        if (!heldForLater(null, text)) {
            deliver(text);
        }
    }

    /** Sends {@code text} unless an alert with {@code key} went out within the quiet period. */
    public void alert(String key, Phrase text) {
        if (!heldForLater(key, text) && repeats.firstWithin(key, clock.instant(), quietPeriod)) {
            deliver(text);
        }
    }

    private void deliver(Phrase text) {
        log.warn("admin alert: {}", text.english());
        sender.accept(text);
    }

    /**
     * Holds the alert while the bot is starting (not connected yet): it goes out once it is, and is
     * not lost meanwhile (a model gone is out of routing, and would never be told again). True when held.
     */
    private boolean heldForLater(String key, Phrase text) {
        if (sender != null) {
            return false;
        }
        synchronized (early) {
            if (sender != null) {
                return false;
            }
            if (early.size() < EARLY_KEPT) {
                early.add(new Held(key, text));
            }
        }
        log.warn("admin alert (sent once the bot is connected): {}", text.english());
        return true;
    }

    private record Held(String key, Phrase text) {
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
