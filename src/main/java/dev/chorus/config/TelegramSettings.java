package dev.chorus.config;

import java.net.URI;
import java.time.Duration;

/** How the bot reaches the Bot API. */
public record TelegramSettings(Secret token, URI baseUrl, Duration pollTimeout) {
}
