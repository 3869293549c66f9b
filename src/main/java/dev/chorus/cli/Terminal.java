package dev.chorus.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;

/** The process's own streams, for the terminal commands. */
public final class Terminal {
    private Terminal() {
    }

    /**
     * Standard output without {@link System#out}'s PrintStream, which swallows write errors: a
     * command writing into a closed pipe ({@code | head}) must notice and stop.
     */
    public static OutputStream stdout() {
        return new FileOutputStream(FileDescriptor.out);
    }

    public static OutputStream stderr() {
        return new FileOutputStream(FileDescriptor.err);
    }

    /**
     * Sends log lines to standard error, and only errors unless CHORUS_LOG_LEVEL says otherwise, so
     * standard output holds nothing but the command's results. Must run before the first logger is
     * created: logback reads these properties once, when it starts.
     */
    public static void sendLogsToStandardError() {
        System.setProperty("CHORUS_LOG_TARGET", "System.err");
        if (isBlank(System.getenv("CHORUS_LOG_LEVEL")) && isBlank(System.getProperty("CHORUS_LOG_LEVEL"))) {
            System.setProperty("CHORUS_LOG_LEVEL", "ERROR");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
