package dev.chorus.cli;

import dev.chorus.orchestration.multi.Strategy;
import dev.chorus.config.ConfigException;
import dev.chorus.orchestration.delegation.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The command line of {@code chorus.jar}: no command runs the bot; {@code route} and {@code ask}
 * work in the terminal. Options may come before or after the command.
 *
 * @param mode {@code --mode}, for {@code route} and {@code ask}
 * @param question the words after {@code ask}, joined by spaces (for {@code probe}: the model); empty for the other commands
 * @param allowCloud {@code ask --allow-cloud}: send a question with private data to a cloud model
 * @param strategy {@code multi --strategy}: parallel or verify; empty lets the question decide
 */
public record CommandLineArgs(Command command, Optional<Path> configFile, Optional<Mode> mode, String question,
                              boolean allowCloud, Optional<Strategy> strategy) {
    public CommandLineArgs(Command command, Optional<Path> configFile, Optional<Mode> mode, String question,
                           boolean allowCloud) {
        this(command, configFile, mode, question, allowCloud, Optional.empty());
    }

    /** The file read when no {@code --config} is given, if it exists. */
    public static final Path DEFAULT_CONFIG = Path.of("bot-config.properties");

    public static final String USAGE = """
            Usage: java -jar chorus.jar [--config FILE]
                     Run the Telegram bot.
                   java -jar chorus.jar route [--config FILE] [--mode MODE]
                     Read questions from standard input, one per line (plain text, or {"id": ..., "text": ...}),
                     and print for each one JSON line: profile, chosen model, estimated cost, reason.
                     Calls no model; needs no Telegram token and no API key.
                   java -jar chorus.jar ask [--config FILE] [--mode MODE] [--allow-cloud] QUESTION
                     Answer one question in the terminal with the configured providers (no Telegram token).
                   java -jar chorus.jar multi [--config FILE] [--mode MODE] [--strategy parallel|verify|instruct|master-worker|pipeline] QUESTION
                     Put several models on one question: their progress on standard error, the answer and
                     its footer on standard output.
                   java -jar chorus.jar learn [--config FILE]
                     Read ratings from standard input, one JSON line each: {"id": ..., "text": "...",
                     "model": "<model id>", "rating": 1-5} ("id" optional), and keep each as a /rate of that
                     model's answer to that text (user 0) in the database at db.path. A bad line gets one line
                     on standard error naming its number. Exit 0: all stored; 1: some lines were bad.
                   java -jar chorus.jar probe [--config FILE] MODEL
                     Measure what MODEL is good at with the shipped suite of checkable tasks: the estimated
                     cost first, progress on standard error, the scores per domain on standard output. The
                     calls are charged to the global budget and the scores stand in for the catalog's.
                   java -jar chorus.jar --help
            MODE: cheap, balanced (default), quality, fast or local.
            Without --config, ./bot-config.properties is read if present; environment variables override it.
            """;

    private static final String SHORT = "Usage: java -jar chorus.jar [route|ask|multi|learn|probe] [--config FILE] [--mode MODE]";

    /** What to run. */
    public enum Command { BOT, ROUTE, ASK, MULTI, LEARN, PROBE, HELP }

    /** @throws UsageException with one line saying what is wrong */
    public static CommandLineArgs parse(String[] args) {
        Command command = Command.BOT;
        Path config = null;
        Mode mode = null;
        boolean allowCloud = false;
        Strategy strategy = null;
        List<String> words = new ArrayList<>();
        boolean onlyWords = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (onlyWords || !arg.startsWith("-") || arg.equals("-")) {
                if (command == Command.BOT && words.isEmpty()
                        && (arg.equals("route") || arg.equals("ask") || arg.equals("multi") || arg.equals("learn")
                        || arg.equals("probe"))) {
                    command = switch (arg) {
                        case "route" -> Command.ROUTE;
                        case "ask" -> Command.ASK;
                        case "learn" -> Command.LEARN;
                        case "probe" -> Command.PROBE;
                        default -> Command.MULTI;
                    };
                } else {
                    words.add(arg);
                }
                continue;
            }
            switch (arg) {
                case "--" -> onlyWords = true;
                case "--config", "-c" -> config = Path.of(value(args, ++i, "--config needs a file"));
                case "--mode", "-m" -> mode = mode(value(args, ++i, "--mode needs one of " + modes()));
                case "--allow-cloud" -> allowCloud = true;
                case "--strategy", "-s" -> {
                    String name = value(args, ++i, "--strategy needs a strategy name");
                    strategy = Strategy.of(name).orElseThrow(() -> new UsageException(SHORT
                            + ": --strategy must be parallel, verify, instruct, master-worker or pipeline"));
                }
                case "--help", "-h" -> {
                    return new CommandLineArgs(Command.HELP, Optional.empty(), Optional.empty(), "", false);
                }
                default -> throw new UsageException(SHORT + ": unknown argument '" + arg + "' (see --help)");
            }
        }
        boolean asks = command == Command.ASK || command == Command.MULTI;
        if (command == Command.PROBE && words.size() != 1) {
            throw new UsageException("Usage: java -jar chorus.jar probe [--config FILE] MODEL: "
                    + (words.isEmpty() ? "the model is missing" : "one model at a time"));
        }
        if (!asks && command != Command.PROBE && !words.isEmpty()) {
            throw new UsageException(SHORT + ": unknown argument '" + words.getFirst() + "' (see --help)");
        }
        if (asks && String.join(" ", words).isBlank()) {
            throw new UsageException("Usage: java -jar chorus.jar " + (command == Command.ASK ? "ask" : "multi")
                    + " [--config FILE] QUESTION: the question is missing");
        }
        if (command != Command.MULTI && strategy != null) {
            throw new UsageException(SHORT + ": --strategy is for multi");
        }
        if (command == Command.BOT && mode != null) {
            throw new UsageException(SHORT + ": --mode is for route and ask; the bot's chats choose with /mode");
        }
        if (command != Command.ASK && allowCloud) {
            throw new UsageException(SHORT + ": --allow-cloud is for ask");
        }
        return new CommandLineArgs(command, Optional.ofNullable(config), Optional.ofNullable(mode),
                String.join(" ", words).strip(), allowCloud, Optional.ofNullable(strategy));
    }

    /**
     * The properties file to load: {@code --config} (which must exist), else {@link #DEFAULT_CONFIG} when
     * it exists, else {@code null} for the environment alone.
     */
    public Path configFileToRead() {
        if (configFile.isPresent()) {
            if (!Files.exists(configFile.get())) {
                throw new ConfigException("Config error: config file " + configFile.get() + " does not exist");
            }
            return configFile.get();
        }
        return Files.exists(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null;
    }

    private static String value(String[] args, int i, String problem) {
        if (i >= args.length) {
            throw new UsageException(SHORT + ": " + problem);
        }
        return args[i];
    }

    private static Mode mode(String text) {
        try {
            return Mode.of(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(SHORT + ": --mode must be one of " + modes() + ", got '" + text + "'");
        }
    }

    private static String modes() {
        return String.join(", ", java.util.Arrays.stream(Mode.values()).map(m -> m.name().toLowerCase(Locale.ROOT))
                .toList());
    }

    /** The command line was wrong; the message says how to call the program. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
