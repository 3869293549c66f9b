package dev.chorus;

import dev.chorus.cli.CommandLineArgs;
import dev.chorus.config.ChorusConfig;
import dev.chorus.config.ConfigException;
import dev.chorus.config.ConfigLoader;
import dev.chorus.store.StoreException;
import dev.chorus.telegram.TelegramBot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar chorus.jar [--config FILE]}: loads the config, starts the bot and runs until the
 * process is stopped. A bad config or an unreachable Telegram ends it at once with one clear line
 * and exit code 2.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final Path DEFAULT_CONFIG = Path.of("bot-config.properties");

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) {
        Chorus chorus;
        try {
            chorus = Chorus.start(loadConfig(args));
        } catch (ConfigException | StoreException | TelegramBot.TelegramStartException
                 | CommandLineArgs.UsageException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
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

    static ChorusConfig loadConfig(String[] args) {
        CommandLineArgs parsed = CommandLineArgs.parse(args);
        Path file = parsed.configFile().orElse(Files.exists(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null);
        if (parsed.configFile().isPresent() && !Files.exists(file)) {
            throw new ConfigException("Config error: config file " + file + " does not exist");
        }
        return ConfigLoader.load(file, System.getenv());
    }
}
