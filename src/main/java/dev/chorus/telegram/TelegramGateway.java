package dev.chorus.telegram;

import dev.chorus.config.Secret;
import java.io.Serializable;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every Bot API call the bot makes goes through here, so Telegram's failures are handled once:
 * 429 waits the {@code retry_after} Telegram asks for and tries again, within the call's patience
 * ({@link #FLOOD_PATIENCE} unless the caller says less); a chat that blocked or removed the bot (403)
 * is logged once and skipped; network errors are retried, then give an empty result. Any other
 * refusal, and a flood that outlasts the patience, is a {@link RejectedCall}. Thread-safe.
 */
final class TelegramGateway {
    private static final Logger log = LoggerFactory.getLogger(TelegramGateway.class);
    private static final int MAX_NETWORK_RETRIES = 2;
    /**
     * How long one call waits out flood limits in all. A flood limit only delays a message, so the
     * bot keeps waiting what Telegram asks, however often it asks, for this long: a finished answer
     * must not be lost to a busy minute. Previews never wait this long: they are interrupted when
     * the answer is done. Past this the chat's queue has been held long enough and the call fails.
     */
    static final Duration FLOOD_PATIENCE = Duration.ofMinutes(15);
    /** For what is worth a short wait but not holding a chat for: previews, admin look-ups. */
    static final Duration SHORT_PATIENCE = Duration.ofSeconds(60);
    /** For what is only a courtesy (a typing action, a callback's toast): skipped under a flood limit. */
    static final Duration NO_PATIENCE = Duration.ZERO;

    private final TelegramClient client;
    private final Sleeper sleeper;
    private final Set<Long> blockedChats = ConcurrentHashMap.newKeySet();

    TelegramGateway(TelegramClient client, Sleeper sleeper) {
        this.client = client;
        this.sleeper = sleeper;
    }

    /** Calls {@code method} for {@code chatId}, waiting out flood limits for up to {@link #FLOOD_PATIENCE}. */
    <T extends Serializable> Optional<T> call(long chatId, BotApiMethod<T> method) {
        return call(chatId, method, FLOOD_PATIENCE);
    }

    /** The same, waiting out flood limits for up to {@code patience} in all. */
    <T extends Serializable> Optional<T> call(long chatId, BotApiMethod<T> method, Duration patience) {
        return run(chatId, method.getMethod(), patience, () -> client.execute(method));
    }

    /**
     * Calls {@code method} once and says how it went, retrying nothing: the outbox decides what a
     * failure means for a message, and a request that got no answer may still have arrived, so only
     * the outbox may send it again.
     */
    <T extends Serializable> Attempt<T> once(long chatId, BotApiMethod<T> method) {
        try {
            T result = client.execute(method);
            blockedChats.remove(chatId);
            return new Attempt.Done<>(result);
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            if (code != null && code == 429) {
                return new Attempt.Flood<>(retryAfter(e));
            }
            if (code != null && code == 403 && blockedChats.add(chatId)) {
                log.warn("chat {} does not accept messages from the bot ({})", chatId, describe(e));
            }
            return code == null || code >= 500 ? new Attempt.Unreachable<>(describe(e))
                    : new Attempt.Refused<>(code, describe(e));
        } catch (TelegramApiException e) {
            return new Attempt.Unreachable<>(describe(e));
        }
    }

    /** How one call went. */
    sealed interface Attempt<T> {
        /** Telegram accepted the call; {@code result} may be null (some methods answer true). */
        record Done<T>(T result) implements Attempt<T> {
        }

        /** A flood limit: try again after {@code wait}. */
        record Flood<T>(Duration retryAfter) implements Attempt<T> {
        }

        /** Telegram said no for good, with this code and description. */
        record Refused<T>(int code, String description) implements Attempt<T> {
        }

        /** No answer, or a server error: the call may or may not have arrived. */
        record Unreachable<T>(String why) implements Attempt<T> {
        }
    }

    /** Uploads a photo to {@code chatId}, with the same handling of Telegram's failures. */
    Optional<Message> sendPhoto(long chatId, SendPhoto photo) {
        return run(chatId, SendPhoto.PATH, FLOOD_PATIENCE, () -> client.execute(photo));
    }

    private <T> Optional<T> run(long chatId, String methodName, Duration patience, TelegramCall<T> call) {
        Duration floodWaited = Duration.ZERO;
        int networkRetries = 0;
        while (true) {
            try {
                T result = call.execute();
                blockedChats.remove(chatId);
                return Optional.ofNullable(result);
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                Duration wait = code != null && code == 429 ? retryAfter(e) : null;
                if (wait != null && floodWaited.plus(wait).compareTo(patience) <= 0) {
                    floodWaited = floodWaited.plus(wait);
                    log.info("Telegram flood limit in chat {} on {}: waiting {} s", chatId, methodName,
                            wait.toSeconds());
                    sleeper.sleep(wait);
                    if (Thread.currentThread().isInterrupted()) {
                        return Optional.empty(); // stopped while waiting: a preview, or the bot shutting down
                    }
                    continue;
                }
                if (code != null && code == 403) {
                    if (blockedChats.add(chatId)) {
                        log.warn("chat {} does not accept messages from the bot ({}); skipping it", chatId,
                                describe(e));
                    }
                    return Optional.empty();
                }
                throw new RejectedCall(code == null ? 0 : code, describe(e));
            } catch (TelegramApiException e) {
                // A call that got no answer may have arrived: only calls that do no harm twice are repeated
                // (messages go through the outbox, which decides for itself).
                if (repeatable(methodName) && networkRetries++ < MAX_NETWORK_RETRIES) {
                    sleeper.sleep(Duration.ofSeconds(networkRetries));
                    continue;
                }
                log.warn("Telegram call {} for chat {} failed: {}", methodName, chatId, describe(e));
                return Optional.empty();
            }
        }
    }

    /** Calls whose effect is the same done twice: reads, settings, chat actions, drafts, toasts, edits. */
    static boolean repeatable(String methodName) {
        return !methodName.equalsIgnoreCase(SendMessage.PATH) && !methodName.equalsIgnoreCase(SendPhoto.PATH);
    }

    private static Duration retryAfter(TelegramApiRequestException e) {
        Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
        return Duration.ofSeconds(seconds == null || seconds < 1 ? 1 : seconds);
    }

    /** An exception's message without anything that looks like our bot token (it is in request URLs). */
    static String describe(Throwable e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return Secret.mask(text);
    }

    /** Telegram refused the call for a reason other than flood control or a blocked chat. */
    static final class RejectedCall extends RuntimeException {
        private final int errorCode;

        RejectedCall(int errorCode, String description) {
            super(description, null, false, false);
            this.errorCode = errorCode;
        }

        int errorCode() {
            return errorCode;
        }
    }

    @FunctionalInterface
    private interface TelegramCall<T> {
        T execute() throws TelegramApiException;
    }

    /** Waiting, made replaceable so tests of flood handling do not sleep. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        void sleep(Duration duration);
    }
}
