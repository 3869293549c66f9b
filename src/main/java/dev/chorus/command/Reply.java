package dev.chorus.command;

import java.util.List;
import java.util.Objects;

/**
 * A message for the chat, before it is formatted for Telegram.
 *
 * @param body the text; with {@link Format#MARKDOWN} it is model output and its Markdown is kept
 * @param footer a short line shown under the body in small print, or {@code null}
 * @param buttons inline buttons under the reply
 * @param answerId the stored answer this reply shows (its messages are linked to it once sent), or null
 * @param questionId the question in progress this reply concludes, or null
 */
public record Reply(String body, Format format, String footer, List<Button> buttons, Long answerId,
                    Long questionId) {
    public enum Format {
        /** Shown as typed: every character is escaped. */
        PLAIN,
        /** Model output: code blocks, inline code, bold and italics are rendered; the rest is escaped. */
        MARKDOWN
    }

    public Reply {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        buttons = buttons == null ? List.of() : List.copyOf(buttons);
    }

    public Reply(String body, Format format, String footer) {
        this(body, format, footer, List.of(), null, null);
    }

    /** The same reply with inline buttons under its last message. */
    public Reply withButtons(Button... more) {
        return new Reply(body, format, footer, List.of(more), answerId, questionId);
    }

    /** The same reply, as the messages of stored answer {@code id}. */
    public Reply forAnswer(long id) {
        return new Reply(body, format, footer, buttons, id, questionId);
    }

    /** The same reply, as what ends question {@code id}: once it is on its way the question is done. */
    public Reply concluding(long id) {
        return new Reply(body, format, footer, buttons, answerId, id);
    }

    /** An inline button; {@code data} comes back in a callback (at most 64 bytes). */
    public record Button(String text, String data) {
        public Button {
            if (data.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64) {
                throw new IllegalArgumentException("callback data over 64 bytes: " + data);
            }
        }
    }

    public static Reply plain(String text) {
        return new Reply(text, Format.PLAIN, null);
    }

    public static Reply answer(String markdown, String footer) {
        return new Reply(markdown, Format.MARKDOWN, footer);
    }
}
