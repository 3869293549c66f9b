package dev.chorus.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The bot's SQLite database: opened in WAL mode with a busy timeout, migrated to the newest schema
 * with the SQL files of the top-level {@code migrations/} folder (shipped in the jar), and exposed
 * as a {@link Jdbi}. Thread-safe.
 */
public final class Database implements AutoCloseable {
    // Writers queue for this long behind another writer instead of failing with SQLITE_BUSY.
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Jdbi jdbi;
    private final String schemaVersion;
    private final SerialDataSource connection;

    private Database(Jdbi jdbi, String schemaVersion, SerialDataSource connection) {
        this.jdbi = jdbi;
        this.schemaVersion = schemaVersion;
        this.connection = connection;
    }

    /** Opens (creating the file and its folder if needed) and migrates the database at {@code file}. */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the database folder " + absolute.getParent(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        // Every transaction takes the write lock at BEGIN: a check-then-write (reserve a budget) can
        // then never interleave with another writer, and no transaction fails upgrading its lock.
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + absolute);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load();
            flyway.migrate();
            MigrationInfo current = flyway.info().current();
            String version = current == null ? "none" : current.getVersion().getVersion();
            SerialDataSource serial = new SerialDataSource(dataSource.getConnection());
            Jdbi jdbi = Jdbi.create(serial)
                    .installPlugin(new SQLitePlugin())
                    .installPlugin(new SqlObjectPlugin())
                    .registerArgument(new InstantAsText.ArgumentFactory())
                    .registerColumnMapper(Instant.class, new InstantAsText.Mapper());
            return new Database(jdbi, version, serial);
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + absolute + ": " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot open the database " + absolute + ": " + e.getMessage(), e);
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Whether a trivial query succeeds, for the health check. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Closes the connection once the statement running now (if any) is done; later use fails. */
    @Override
    public void close() {
        connection.close();
    }

    /** The version of the newest migration applied, such as {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }
}
