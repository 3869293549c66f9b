package dev.chorus.store;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the users and chats the bot has met. */
interface SeenDao {
    @SqlUpdate("""
            INSERT INTO users (id, username, first_name, first_seen, last_seen, telegram_language)
            VALUES (:id, :username, :firstName, :now, :now, :language)
            ON CONFLICT (id) DO UPDATE SET username = excluded.username,
                first_name = excluded.first_name, last_seen = excluded.last_seen,
                telegram_language = COALESCE(excluded.telegram_language, users.telegram_language)
            """)
    void touchUser(@Bind("id") long id, @Bind("username") String username,
                   @Bind("firstName") String firstName, @Bind("now") String now, @Bind("language") String language);

    @SqlUpdate("""
            INSERT INTO users (id, first_seen, last_seen, chosen_language) VALUES (:id, :now, :now, :language)
            ON CONFLICT (id) DO UPDATE SET chosen_language = excluded.chosen_language
            """)
    void chooseLanguage(@Bind("id") long id, @Bind("language") String language, @Bind("now") String now);

    @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT chosen_language FROM users WHERE id = :id")
    java.util.Optional<String> chosenLanguage(@Bind("id") long id);

    @org.jdbi.v3.sqlobject.statement.SqlQuery(
            "SELECT COALESCE(chosen_language, telegram_language) FROM users WHERE id = :id")
    java.util.Optional<String> language(@Bind("id") long id);

    @SqlUpdate("""
            INSERT INTO chats (id, kind, title, first_seen, last_seen)
            VALUES (:id, :kind, :title, :now, :now)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title,
                last_seen = excluded.last_seen
            """)
    void touchChat(@Bind("id") long id, @Bind("kind") String kind, @Bind("title") String title,
                   @Bind("now") String now);

    @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT username FROM users WHERE id = :id")
    java.util.Optional<String> username(@Bind("id") long id);

    @org.jdbi.v3.sqlobject.statement.SqlQuery(
            "SELECT id FROM users WHERE LOWER(username) = LOWER(:name) ORDER BY last_seen DESC LIMIT 1")
    java.util.Optional<Long> userIdOf(@Bind("name") String username);

    @org.jdbi.v3.sqlobject.statement.SqlQuery("SELECT title FROM chats WHERE id = :id")
    java.util.Optional<String> chatTitle(@Bind("id") long id);
}
