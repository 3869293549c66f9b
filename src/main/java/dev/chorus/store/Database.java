package dev.chorus.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlite3.SQLitePlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The bot's database, exposed as a {@link Jdbi} and migrated to the newest schema at open: a SQLite
 * file (one process; WAL mode, a busy timeout) with the SQL files of the top-level
 * {@code migrations/} folder, or a PostgreSQL server (any number of processes; a HikariCP pool)
 * with the same migrations in its dialect, {@code migrations/postgresql/}. The DAOs' SQL is the
 * same on both. Thread-safe.
 */
public final class Database implements AutoCloseable {
    // Writers queue for this long behind another writer instead of failing with SQLITE_BUSY.
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Jdbi jdbi;
    private final String schemaVersion;
    /** How long a process may miss its beats before others take over what it had taken. */
    public static final Duration LEASE = Duration.ofSeconds(15);

    private final AutoCloseable connections;
    private final Dialect dialect;
    private final String replicaId = newReplicaId();

    /** Which kind of database it is. */
    public enum Dialect {
        SQLITE, POSTGRESQL
    }

    private Database(Jdbi jdbi, String schemaVersion, AutoCloseable connections, Dialect dialect) {
        this.jdbi = jdbi;
        this.schemaVersion = schemaVersion;
        this.connections = connections;
        this.dialect = dialect;
        enroll();
    }

    private static String newReplicaId() {
        String host = System.getenv().getOrDefault("HOSTNAME", "chorus").replaceAll("[^A-Za-z0-9_.-]", "");
        return (host.isEmpty() ? "chorus" : host) + "-" + Long.toHexString(new java.security.SecureRandom().nextLong())
                .substring(0, 6);
    }

    /**
     * Writes this process into {@code replicas}. A SQLite file has one process at a time, so any
     * other row there is a process that stopped: gone at once, its work is this one's to finish.
     */
    private void enroll() {
        String now = Instant.now().toString();
        jdbi.useTransaction(h -> {
            if (dialect == Dialect.SQLITE) {
                h.createUpdate("DELETE FROM replicas").execute();
            }
            h.createUpdate("INSERT INTO replicas (id, started_at, seen_at) VALUES (:id, :now, :now)")
                    .bind("id", replicaId).bind("now", now).execute();
        });
    }

    /** This process's name in the rows it takes (reservations, questions, messages being sent). */
    public String replicaId() {
        return replicaId;
    }

    /** Tells the other processes this one is alive; call it well within every {@link #LEASE}. */
    public void beat() {
        try {
            jdbi.useHandle(h -> h.createUpdate("UPDATE replicas SET seen_at = :now WHERE id = :id")
                    .bind("now", Instant.now().toString()).bind("id", replicaId).execute());
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new StoreException("cannot tell the database this process is alive", e);
        }
    }

    /** How many processes are alive (this one among them). */
    public int liveReplicas() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM replicas WHERE seen_at >= :alive")
                    .bind("alive", aliveSince()).mapTo(Integer.class).one());
        } catch (org.jdbi.v3.core.JdbiException e) {
            throw new StoreException("cannot count the live processes", e);
        }
    }

    /**
     * The time a process must have beaten since to count as alive. Wall-clock time, not a test's
     * clock: it is compared with other processes' beats.
     */
    String aliveSince() {
        return Instant.now().minus(LEASE).toString();
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
            String version = migrate(dataSource, "classpath:db/migration");
            SerialDataSource serial = new SerialDataSource(dataSource.getConnection());
            Jdbi jdbi = withMappings(Jdbi.create(serial).installPlugin(new SQLitePlugin()));
            return new Database(jdbi, version, serial::close, Dialect.SQLITE);
        } catch (FlywayException e) {
            throw new StoreException("cannot migrate the database " + absolute + ": " + e.getMessage(), e);
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot open the database " + absolute + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connects to the PostgreSQL database at {@code jdbcUrl} (such as
     * {@code jdbc:postgresql://db:5432/chorus}) through a pool of {@code poolSize} connections and
     * migrates it. Messages name the server, never the password.
     */
    public static Database openServer(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(jdbcUrl);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        // connections are opened as the load needs them and let go when it passes, not all held from the start:
        // N replicas' pools together must stay under the server's max_connections
        pool.setMinimumIdle(1);
        pool.setPoolName("chorus-db");
        // a database that is not there fails the start within seconds, not after the default 30
        pool.setConnectionTimeout(10_000);
        pool.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new StoreException("cannot connect to the database " + where(jdbcUrl) + ": " + rootMessage(e), e);
        }
        try {
            String version = migrate(dataSource, "classpath:db/postgresql");
            Jdbi jdbi = withMappings(Jdbi.create(dataSource))
                    // the schema keeps SQLite's 0/1 integers for yes/no, so both databases read alike
                    .registerArgument(new BooleanAsInteger());
            return new Database(jdbi, version, dataSource, Dialect.POSTGRESQL);
        } catch (FlywayException e) {
            dataSource.close();
            throw new StoreException("cannot migrate the database " + where(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    private static String migrate(javax.sql.DataSource dataSource, String location) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations(location).load();
        flyway.migrate();
        MigrationInfo current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private static Jdbi withMappings(Jdbi jdbi) {
        return jdbi.installPlugin(new SqlObjectPlugin())
                .registerArgument(new InstantAsText.ArgumentFactory())
                .registerColumnMapper(Instant.class, new InstantAsText.Mapper());
    }

    /** The server and database of a JDBC URL, without any parameters (which may hold a password). */
    public static String where(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    public Dialect dialect() {
        return dialect;
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
        try {
            // others may take over whatever this process left at once, not after the lease
            jdbi.useHandle(h -> h.createUpdate("DELETE FROM replicas WHERE id = :id").bind("id", replicaId).execute());
        } catch (RuntimeException e) {
            // closing anyway: the lease runs out
        }
        try {
            connections.close();
        } catch (Exception e) {
            throw new StoreException("cannot close the database", e);
        }
    }

    /** The version of the newest migration applied, such as {@code "1"}. */
    public String schemaVersion() {
        return schemaVersion;
    }
}
