package dev.chorus.store;

import java.util.Objects;

/**
 * A spending scope as stored: {@code groupId} is the group of a member cap (0 otherwise; a member
 * cap with user id 0 is the cap of every member of that group).
 */
public record ScopeKey(ScopeKind kind, long id, long groupId) {
    public ScopeKey {
        Objects.requireNonNull(kind, "kind");
    }

    public static ScopeKey user(long userId) {
        return new ScopeKey(ScopeKind.USER, userId, 0);
    }

    public static ScopeKey group(long chatId) {
        return new ScopeKey(ScopeKind.GROUP, chatId, 0);
    }

    public static ScopeKey member(long userId, long chatId) {
        return new ScopeKey(ScopeKind.MEMBER, userId, chatId);
    }

    public static ScopeKey global() {
        return new ScopeKey(ScopeKind.GLOBAL, 0, 0);
    }

    /** Bound in SQL as {@code :s.column}. */
    public String column() {
        return kind.column();
    }

    /** Whether the scope belongs to one group (its pool or a member cap in it). */
    public boolean inGroup() {
        return kind == ScopeKind.GROUP || kind == ScopeKind.MEMBER;
    }
}
