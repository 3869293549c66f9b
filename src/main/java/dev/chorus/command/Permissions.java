package dev.chorus.command;

import java.util.Set;

/** Who may change what: the bot's admins anything, a group's Telegram admins their group's settings. */
final class Permissions {
    private final Set<Long> botAdmins;
    private final ChatAdmins chatAdmins;

    Permissions(Set<Long> botAdmins, ChatAdmins chatAdmins) {
        this.botAdmins = Set.copyOf(botAdmins);
        this.chatAdmins = chatAdmins;
    }

    boolean isBotAdmin(long userId) {
        return botAdmins.contains(userId);
    }

    boolean isGroupAdmin(Incoming in) {
        return in.inGroup() && chatAdmins.isAdmin(in.chatId(), in.userId());
    }

    /** In a private chat the user decides; in a group its admins do. */
    boolean maySetChatSettings(Incoming in) {
        return !in.inGroup() || isBotAdmin(in.userId()) || isGroupAdmin(in);
    }
}
