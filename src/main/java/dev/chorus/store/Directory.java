package dev.chorus.store;

import java.time.Clock;
import org.jdbi.v3.core.JdbiException;

/**
 * Remembers the users and chats the bot has met, so that later features (budgets, alerts to an
 * admin's private chat) can find them. Thread-safe.
 */
public final class Directory {
    private final SeenDao dao;
    private final Clock clock;

    public Directory(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(SeenDao.class);
        this.clock = clock;
    }

    public void seen(long userId, String username, String firstName, long chatId, String chatKind, String chatTitle) {
        String now = clock.instant().toString();
        try {
            dao.touchUser(userId, username, firstName, now);
            dao.touchChat(chatId, chatKind, chatTitle, now);
        } catch (JdbiException e) {
            throw new StoreException("cannot record user " + userId + " in chat " + chatId, e);
        }
    }
}
