package dev.chorus.store;

import java.time.Clock;
import org.jdbi.v3.core.JdbiException;

/** {@link Directory} on the SQLite database. Thread-safe. */
public final class JdbiDirectory implements Directory {
    private final SeenDao dao;
    private final Clock clock;

    public JdbiDirectory(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(SeenDao.class);
        this.clock = clock;
    }

    @Override
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
