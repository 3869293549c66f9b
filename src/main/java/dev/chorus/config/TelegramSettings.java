package dev.chorus.config;

import java.net.URI;
import java.time.Duration;

/**
 * How the bot reaches the Bot API, and how updates reach the bot.
 *
 * @param webhook empty in polling mode; in webhook mode where Telegram posts the updates
 */
public record TelegramSettings(Secret token, URI baseUrl, Duration pollTimeout, java.util.Optional<Webhook> webhook) {
    public TelegramSettings(Secret token, URI baseUrl, Duration pollTimeout) {
        this(token, baseUrl, pollTimeout, java.util.Optional.empty());
    }

    /**
     * @param publicUrl the https URL Telegram is told to post to at start, or empty when it is set by hand
     */
    public record Webhook(int port, String path, Secret secret, java.util.Optional<URI> publicUrl) {
    }
}
