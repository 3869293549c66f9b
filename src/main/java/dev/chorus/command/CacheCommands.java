package dev.chorus.command;

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
        String wanted = args.strip().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "" -> {
                return Reply.plain(status(in));
            }
            case "share", "own" -> {
                if (!in.inGroup()) {
                    return Reply.plain("Kept answers are already yours alone in a private chat. /cache share and "
                            + "/cache own are for groups.");
                }
                if (!permissions.maySetChatSettings(in)) {
                    return Reply.plain("Only this group's admins can change whether members share kept answers.");
                }
                cache.share(in.chatId(), wanted.equals("share"), in.userId());
                return Reply.plain(wanted.equals("share")
                        ? "Shared: from now on, an answer to any member here can be served again to everyone for a "
                                + "day. What was asked before stays its asker's."
                        : "Own: each member is served only the answers to their own questions again.");
            }
            case "clear" -> {
                if (!permissions.maySetChatSettings(in)) {
                    return Reply.plain("Only this group's admins can clear its kept answers.");
                }
                int cleared = cache.clear(in.chatId());
                return Reply.plain(cleared == 0 ? "There were no kept answers here."
                        : "Forgot " + cleared + (cleared == 1 ? " kept answer." : " kept answers."));
            }
            default -> {
                return Reply.plain("Use /cache, /cache clear" + (in.inGroup() ? ", /cache share or /cache own." : "."));
            }
        }
    }

    private String status(Incoming in) {
        String how = "A question asked again within a day, in the same or other words, is answered from the cache "
                + "(⚡ in the footer, with what it saved); ↻ Fresh answer asks a model again. Questions about "
                + "today or prices, follow-ups and private data are never served from it.";
        if (!in.inGroup()) {
            return how + "\n/cache clear forgets the kept answers.";
        }
        return how + (cache.shared(in.chatId())
                ? "\nIn this group members share kept answers (/cache own to stop)."
                : "\nIn this group each member is served only their own kept answers (admins: /cache share).")
                + "\n/cache clear forgets them.";
    }
}
