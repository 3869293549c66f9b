package dev.chorus.store;

import java.util.Locale;

/** Whose money a budget is. */
public enum ScopeKind {
    /** One person in private chats (and, once a bot admin set it, everywhere). */
    USER,
    /** A group's shared pool. */
    GROUP,
    /** A member's cap inside one group's pool. */
    MEMBER,
    /** The whole bot. */
    GLOBAL;

    /** As stored in the database. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ScopeKind ofColumn(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
