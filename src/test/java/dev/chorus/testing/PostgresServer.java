package dev.chorus.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for the tests: Debian's server binaries ({@code .ci/run} installs the
 * {@code postgresql} package when they are missing), a cluster made with {@code initdb} in a temp
 * folder, run as the {@code postgres} user when the tests run as root (PostgreSQL refuses root),
 * on a free loopback port, without fsync. One server per test JVM, started at first use and
 * stopped when the JVM exits; each {@link #newDatabase()} is an empty database of its own.
 * Without the binaries a developer machine skips these tests with a line saying how to install
 * them; CI (the {@code CI} variable set) fails instead.
 */
public final class PostgresServer {
    public static final String USER = "chorus";
    private static PostgresServer shared;

    private final int port;
    private final List<String> command;
    private final Path data;
    private volatile Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(int port, List<String> command, Path data) {
        this.port = port;
        this.command = command;
        this.data = data;
    }

    /** A server of its own, for a test that stops and starts it (an outage); stopped when the JVM exits. */
    public static PostgresServer startPrivate() {
        try {
            return start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting PostgreSQL", e);
        }
    }

    /**
     * Stops the server at once, as an outage would: a fast shutdown (SIGINT to the server itself, which
     * drops every connection), so that runuser in front of it reaps it and a restart finds no stale
     * server (a killed one can linger as a zombie where nothing reaps orphans).
     */
    public void stop() throws InterruptedException {
        Process running = process;
        if (running != null) {
            long server = running.children().findFirst().map(ProcessHandle::pid).orElse(running.pid());
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(server)).start().waitFor();
            } catch (IOException e) {
                running.destroy();
            }
            if (!running.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                running.descendants().forEach(ProcessHandle::destroyForcibly);
                running.destroyForcibly();
                running.waitFor();
            }
            process = null;
        }
    }

    /** Starts the server again on the same port and data after {@link #stop()}. */
    public void restart() throws IOException, InterruptedException {
        launch();
        awaitReady();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile())).start();
    }

    private void awaitReady() throws IOException, InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited: " + Files.readString(data.resolve("server.log")));
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("postgres did not accept connections on port " + port);
    }

    /** The test JVM's server, started on first use. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start PostgreSQL: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted starting PostgreSQL", e);
            }
        }
        return shared;
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        Path data = Files.createTempDirectory("chorus-pg-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", data.toString()));
        }
        run(asPostgres(root, List.of(bin.resolve("initdb").toString(), "-D", data.resolve("cluster").toString(),
                "-U", USER, "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions")));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = asPostgres(root, List.of(bin.resolve("postgres").toString(),
                "-D", data.resolve("cluster").toString(), "-p", String.valueOf(port), "-k", data.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                "-c", "full_page_writes=off", "-c", "max_connections=800", "-c", "shared_buffers=64MB"));
        PostgresServer started = new PostgresServer(port, command, data);
        started.launch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Process server = started.process;
            if (server != null) {
                server.destroy();
                try {
                    server.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            deleteQuietly(data);
        }));
        started.awaitReady();
        return started;
    }

    private static List<String> asPostgres(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    /** The newest installed server's bin folder. */
    private static Path binaries() {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                var newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> parseOr(v.getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get().resolve("bin");
                }
            } catch (IOException e) {
                // fall through to the message
            }
        }
        String why = "PostgreSQL's server is not installed (apt-get install postgresql); the store's tests on "
                + "PostgreSQL and the replica tests need it";
        if (System.getenv("CI") != null) {
            throw new IllegalStateException(why + ": .ci/run installs it");
        }
        Assumptions.abort(why);
        return null;
    }

    private static int parseOr(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A new, empty database; its JDBC URL. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
            c.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }
}
