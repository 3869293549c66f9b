package dev.chorus.i18n;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A message not yet in any language: a catalog key and its arguments. Code that does not know who
 * will read it (routing, budgets, alerts) says what it means with one; whoever sends it renders it in
 * the reader's language with {@link Texts#render}. An argument may itself be a phrase.
 */
public record Phrase(String key, List<Object> args) {
    public Phrase {
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static Phrase of(String key, Object... args) {
        return new Phrase(key, Arrays.asList(args));
    }

    /** Text that is already final (a model's own words, a provider's error): shown as it is in every language. */
    public static Phrase verbatim(String text) {
        return of("verbatim", text);
    }

    /** The phrases one under another (an empty list is an empty text). */
    public static Phrase lines(List<Phrase> lines) {
        return join("list.lines", lines);
    }

    /** The phrases as a list in a sentence: "a, b, c". */
    public static Phrase list(List<Phrase> items) {
        return join("list.comma", items);
    }

    /** The phrases one after another on a line, a space apart. */
    public static Phrase sentences(List<Phrase> parts) {
        return join("list.space", parts);
    }

    private static Phrase join(String key, List<Phrase> parts) {
        if (parts.isEmpty()) {
            return verbatim("");
        }
        Phrase joined = parts.getFirst();
        for (Phrase next : parts.subList(1, parts.size())) {
            joined = of(key, joined, next);
        }
        return joined;
    }

    /** An argument that is a moment, shown with {@code pattern} ({@link java.time.format.DateTimeFormatter}) in the reader's language. */
    public record Time(java.time.ZonedDateTime at, String pattern) {
        public Time {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(pattern, "pattern");
        }
    }

    /** This phrase in English, for logs, the command line and tests. */
    public String english() {
        return Texts.english().render(this);
    }

    @Override
    public String toString() {
        return english();
    }
}
