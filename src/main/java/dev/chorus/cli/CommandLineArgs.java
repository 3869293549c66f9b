package dev.chorus.cli;

import java.nio.file.Path;
import java.util.Optional;

/** The command line of {@code chorus.jar}: {@code [--config FILE]}. */
public record CommandLineArgs(Optional<Path> configFile) {

    public static CommandLineArgs parse(String[] args) {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config", "-c" -> {
                    if (i + 1 >= args.length) {
                        throw new UsageException("Usage: java -jar chorus.jar [--config FILE]: --config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "--help", "-h" -> throw new UsageException("Usage: java -jar chorus.jar [--config FILE]");
                default -> throw new UsageException("Usage: java -jar chorus.jar [--config FILE]: unknown argument '"
                        + args[i] + "'");
            }
        }
        return new CommandLineArgs(Optional.ofNullable(config));
    }

    /** The command line was wrong; the message says how to call the program. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
