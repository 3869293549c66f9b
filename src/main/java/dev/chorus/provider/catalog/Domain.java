package dev.chorus.provider.catalog;

import java.util.Locale;

/** The kinds of task a model is scored on; the task analyzer sorts every question into one. */
public enum Domain {
    CODE, MATH, REASONING, WRITING, CREATIVE, TRANSLATION, SUMMARIZATION, FACTUAL, CHAT;

    /** The lower-case name used in the catalog file and in config. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Domain fromKey(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT));
    }
}
