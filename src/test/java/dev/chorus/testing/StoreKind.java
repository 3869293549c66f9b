package dev.chorus.testing;

import dev.chorus.store.Database;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The databases the store runs on, for tests parameterized over both
 * ({@code @ParameterizedClass @EnumSource(StoreKind.class)}). {@link #open(Path)} names a database
 * by a file path: SQLite opens that file; PostgreSQL gives each path a fresh database of the test
 * server, the same one each time the path is opened again (a restart).
 */
public enum StoreKind {
    SQLITE {
        @Override
        public Database open(Path file) {
            return Database.open(file);
        }

        @Override
        public org.jdbi.v3.core.Jdbi migratedTo(Path file, String version) {
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            org.flywaydb.core.Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
                    .target(version).load().migrate();
            return org.jdbi.v3.core.Jdbi.create(url);
        }
    },
    POSTGRESQL {
        @Override
        public Database open(Path file) {
            String url = URLS.computeIfAbsent(file.toAbsolutePath().toString(),
                    f -> PostgresServer.shared().newDatabase());
            return Database.openServer(url, PostgresServer.USER, "", 4);
        }

        @Override
        public org.jdbi.v3.core.Jdbi migratedTo(Path file, String version) {
            String url = URLS.computeIfAbsent(file.toAbsolutePath().toString(),
                    f -> PostgresServer.shared().newDatabase());
            org.flywaydb.core.Flyway.configure().dataSource(url, PostgresServer.USER, "")
                    .locations("classpath:db/postgresql").target(version).load().migrate();
            return org.jdbi.v3.core.Jdbi.create(url, PostgresServer.USER, "");
        }
    };

    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    public abstract Database open(Path file);

    /**
     * The database that {@link #open} would open at {@code file}, migrated only up to {@code version}:
     * to test a migration on data written before it. Open it with {@link #open} to migrate the rest.
     */
    public abstract org.jdbi.v3.core.Jdbi migratedTo(Path file, String version);
}
