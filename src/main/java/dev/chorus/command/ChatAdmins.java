package dev.chorus.command;

/** Who administers a group chat, as Telegram says (cached by the adapter). */
@FunctionalInterface
public interface ChatAdmins {
    ChatAdmins NONE = (chatId, userId) -> false;

    boolean isAdmin(long chatId, long userId);
}
