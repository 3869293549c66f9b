package dev.chorus;

import dev.chorus.cli.AskCommand;
import dev.chorus.cli.CommandLineArgs;
import dev.chorus.cli.LearnCommand;
import dev.chorus.cli.ProbeCommand;
import dev.chorus.cli.RouteCommand;
import dev.chorus.cli.Terminal;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.store.StoreException;
import dev.chorus.telegram.TelegramBot;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chorus.jar [--config FILE]}: loads the config, starts the bot and runs until the
 * process is stopped. A bad config or an unreachable Telegram ends it at once with one clear line
 * and exit code 2. {@code route} and {@code ask} are terminal commands (see {@link CommandLineArgs}).
 */
public final class Main {
    // No static logger: the terminal commands send logging to standard error, which must be decided
    // before logback starts.

    private Main() {
    }

    public static void main(String[] args) {
        CommandLineArgs parsed;
        try {
            parsed = CommandLineArgs.parse(args);
        } catch (CommandLineArgs.UsageException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int code = run(parsed);
        // The bot returns only once the JVM is stopping; a command returns when done, and idle HTTP
        // threads must not keep the process alive after it.
        if (code != 0 || parsed.command() != CommandLineArgs.Command.BOT) {
            System.exit(code);
        }
    }

    static int run(CommandLineArgs args) {
        return switch (args.command()) {
            case HELP -> {
                System.out.print(CommandLineArgs.USAGE);
                yield 0;
            }
            case ROUTE -> {
                Terminal.sendLogsToStandardError();
                yield RouteCommand.run(args, System.getenv(), System.in, Terminal.stdout(), System.err);
            }
            case LEARN -> {
                Terminal.sendLogsToStandardError();
                yield LearnCommand.run(args, System.getenv(), System.in, System.err);
            }
            case PROBE -> {
                Terminal.sendLogsToStandardError();
                yield ProbeCommand.run(args, System.getenv(), Terminal.stdout(), Terminal.stderr());
            }
            case ASK, MULTI -> {
                Terminal.sendLogsToStandardError();
                yield AskCommand.run(args, System.getenv(), Terminal.stdout(), Terminal.stderr());
            }
            case BOT -> runBot(args);
        };
    }

    private static int runBot(CommandLineArgs args) {
        Chorus chorus;
        try {
            chorus = Chorus.start(loadConfig(args));
        } catch (ConfigException | StoreException | TelegramBot.TelegramStartException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(Main.class).info("stopping");
            chorus.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static ChorusConfig loadConfig(CommandLineArgs args) {
        return ConfigLoader.load(args.configFileToRead(), System.getenv());
    }
}
