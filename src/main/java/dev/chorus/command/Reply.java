package dev.chorus.command;

import java.util.Objects;

/**
 * A message for the chat, before it is formatted for Telegram.
 *
 * @param body the text; with {@link Format#MARKDOWN} it is model output and its Markdown is kept
 * @param footer a short line shown under the body in small print, or {@code null}
 */
public record Reply(String body, Format format, String footer) {
    public enum Format {
        /** Shown as typed: every character is escaped. */
        PLAIN,
        /** Model output: code blocks, inline code, bold and italics are rendered; the rest is escaped. */
        MARKDOWN
    }

    public Reply {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
    }

    public static Reply plain(String text) {
        return new Reply(text, Format.PLAIN, null);
    }

    public static Reply answer(String markdown, String footer) {
        return new Reply(markdown, Format.MARKDOWN, footer);
    }
}
