package dev.chorus.command;

/** Private chats and group chats get different rules about what the bot answers. */
public enum ChatKind {
    PRIVATE,
    GROUP
}
