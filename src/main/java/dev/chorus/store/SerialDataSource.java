package dev.chorus.store;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One SQLite connection, lent to one caller at a time in arrival order. SQLite has a single writer
 * anyway; with a connection per caller, concurrent writers collide and spin in SQLite's busy handler,
 * which sleeps in growing steps, so a burst of two hundred questions took tens of seconds. A fair
 * queue in front of one connection serves the same burst in well under a second, and opening a
 * connection (and its pragmas) happens once instead of per statement. Thread-safe.
 */
final class SerialDataSource implements DataSource {
    /**
     * No statement of ours holds the connection for anything like this long; a caller still waiting
     * then is stuck behind a hung one and gets an error instead of waiting forever.
     */
    private static final long MAX_WAIT_SECONDS = 30;

    private final Connection connection;
    private final Semaphore turn = new Semaphore(1, true);
    private volatile boolean closed;

    SerialDataSource(Connection connection) {
        this.connection = connection;
    }

    /** Waits for the connection's current user, then closes it. */
    void close() {
        closed = true;
        boolean got = false;
        try {
            got = turn.tryAcquire(MAX_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // closing anyway; nothing to do
        } finally {
            if (got) {
                turn.release();
            }
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (closed) {
            throw new SQLException("the database is closed");
        }
        try {
            if (!turn.tryAcquire(MAX_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new SQLException("the database connection was busy for over " + MAX_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the database", e);
        }
        if (closed) {
            turn.release();
            throw new SQLException("the database is closed");
        }
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            turn.release();
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Lease());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    /** The borrowed connection: closing it gives it back; everything else goes to the real one. */
    private final class Lease implements InvocationHandler {
        private boolean returned;

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        if (!connection.getAutoCommit()) {
                            // A caller that left a transaction open must not hand it to the next one.
                            connection.rollback();
                        }
                        turn.release();
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || connection.isClosed();
                }
                default -> {
                    if (returned) {
                        throw new SQLException("connection already returned");
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
