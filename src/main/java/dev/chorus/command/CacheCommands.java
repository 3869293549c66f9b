package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.orchestration.cache.CachedAnswers;
import java.util.Locale;

/**
 * {@code /cache}: what the answer cache does in this chat, {@code share} / {@code own} for a group's
 * admins (whether members are served each other's kept answers), {@code clear} to forget them.
 */
final class CacheCommands {
    private final CachedAnswers cache;
    private final Permissions permissions;

    CacheCommands(CachedAnswers cache, Permissions permissions) {
        this.cache = cache;
        this.permissions = permissions;
    }

    Reply handle(Incoming in, String args) {
        Texts t = in.texts();
        String wanted = args.strip().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "" -> {
                return Reply.plain(status(in, t));
            }
            case "share", "own" -> {
                if (!in.inGroup()) {
                    return Reply.plain(t.get("cache.private_only"));
                }
                if (!permissions.maySetChatSettings(in)) {
                    return Reply.plain(t.get("cache.admins_share"));
                }
                cache.share(in.chatId(), wanted.equals("share"), in.userId());
                return Reply.plain(t.get(wanted.equals("share") ? "cache.shared" : "cache.own"));
            }
            case "clear" -> {
                if (!permissions.maySetChatSettings(in)) {
                    return Reply.plain(t.get("cache.admins_clear"));
                }
                int cleared = cache.clear(in.chatId());
                return Reply.plain(cleared == 0 ? t.get("cache.cleared_none") : cleared == 1 ? t.get("cache.cleared_one")
                        : t.get("cache.cleared_many", cleared));
            }
            default -> {
                return Reply.plain(t.get(in.inGroup() ? "cache.usage_group" : "cache.usage_private"));
            }
        }
    }

    private String status(Incoming in, Texts t) {
        if (!in.inGroup()) {
            return t.get("cache.about") + "\n" + t.get("cache.clear_hint");
        }
        return t.get("cache.about") + "\n" + t.get(cache.shared(in.chatId()) ? "cache.group_shared" : "cache.group_own")
                + "\n" + t.get("cache.clear_hint_group");
    }
}
