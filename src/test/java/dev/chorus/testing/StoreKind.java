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
    },
    POSTGRESQL {
        @Override
        public Database open(Path file) {
            String url = URLS.computeIfAbsent(file.toAbsolutePath().toString(),
                    f -> PostgresServer.shared().newDatabase());
            return Database.openServer(url, PostgresServer.USER, "", 4);
        }
    };

    private static final Map<String, String> URLS = new ConcurrentHashMap<>();

    public abstract Database open(Path file);
}
