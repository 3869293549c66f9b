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

    /** This phrase in English, for logs, the command line and tests. */
    public String english() {
        return Texts.english().render(this);
    }

    @Override
    public String toString() {
        return english();
    }
}
