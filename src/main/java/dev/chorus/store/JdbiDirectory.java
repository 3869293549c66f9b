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
    public void seen(long userId, String username, String firstName, long chatId, String chatKind, String chatTitle,
                     String languageCode) {
        String now = clock.instant().toString();
        try {
            dao.touchUser(userId, username, firstName, now, languageCode);
            dao.touchChat(chatId, chatKind, chatTitle, now);
        } catch (JdbiException e) {
            throw new StoreException("cannot record user " + userId + " in chat " + chatId, e);
        }
    }

    @Override
    public java.util.Optional<String> username(long userId) {
        return read(() -> dao.username(userId));
    }

    @Override
    public java.util.Optional<Long> userIdOf(String username) {
        return read(() -> dao.userIdOf(username.startsWith("@") ? username.substring(1) : username));
    }

    @Override
    public java.util.Optional<String> chatTitle(long chatId) {
        return read(() -> dao.chatTitle(chatId));
    }

    @Override
    public java.util.Optional<String> chosenLanguage(long userId) {
        return read(() -> dao.chosenLanguage(userId));
    }

    @Override
    public void chooseLanguage(long userId, String language) {
        try {
            dao.chooseLanguage(userId, language, clock.instant().toString());
        } catch (JdbiException e) {
            throw new StoreException("cannot record the language of user " + userId, e);
        }
    }

    @Override
    public java.util.Optional<String> language(long userId) {
        return read(() -> dao.language(userId));
    }

    private static <T> java.util.Optional<T> read(java.util.function.Supplier<java.util.Optional<T>> query) {
        try {
            return query.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read the directory", e);
        }
    }
}
