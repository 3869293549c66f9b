package dev.chorus.testing;

import dev.chorus.Chorus;
import dev.chorus.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real bot, started the way {@code Main} starts it (config file, {@link Chorus#start}), against
 * the Telegram emulator and two fake OpenAI-compatible providers: OpenAI itself and a custom
 * provider "backup" serving the model {@code backup-model}. Captures the log from the start.
 */
public final class BotHarness implements AutoCloseable {
    public static final String TOKEN = "7482915360:AAE2e-TestTokenThatMustNeverBeLogged";
    public static final String API_KEY = "sk-test-e2e-key-that-must-stay-secret";
    public static final String BOT = "ChorusTestBot";

    public final TelegramEmulator telegram;
    public final FakeOpenAi openAi;
    public final FakeOpenAi backup;
    public final Chorus chorus;
    public final LogCapture log;

    private BotHarness(LogCapture log, TelegramEmulator telegram, FakeOpenAi openAi, FakeOpenAi backup,
                       Chorus chorus) {
        this.log = log;
        this.telegram = telegram;
        this.openAi = openAi;
        this.backup = backup;
        this.chorus = chorus;
    }

    /** Starts everything; {@code extraConfig} lines are appended to the bot's config file. */
    public static BotHarness start(Path dir, String... extraConfig) throws IOException, InterruptedException {
        LogCapture log = new LogCapture();
        log.start();
        TelegramEmulator telegram = TelegramEmulator.start(BOT);
        FakeOpenAi openAi = new FakeOpenAi(true);
        FakeOpenAi backup = new FakeOpenAi(false);
        List<String> lines = new ArrayList<>(List.of(
                "telegram.token=" + TOKEN,
                "telegram.base-url=" + telegram.baseUrl(),
                "telegram.poll-timeout-seconds=5",
                "openai.api-key=" + API_KEY,
                "openai.base-url=" + openAi.baseUrl(),
                "providers.backup.base-url=" + backup.baseUrl(),
                "models.backup-model.provider=backup",
                "models.backup-model.context-window=128000",
                "models.backup-model.price.input=0.25",
                "models.backup-model.price.output=1",
                "model.fallbacks=backup-model",
                "db.path=" + dir.resolve("data/chorus.db"),
                "model.default=gpt-4o-mini"));
        lines.addAll(List.of(extraConfig));
        Path config = dir.resolve("bot-config.properties");
        Files.write(config, lines);
        Chorus chorus = Chorus.start(ConfigLoader.load(config, Map.of()));
        return new BotHarness(log, telegram, openAi, backup, chorus);
    }

    /** {@code config} plus the keys that put the bot's data in a new database of the test PostgreSQL server. */
    public static String[] onPostgres(String... config) {
        List<String> lines = new ArrayList<>(List.of(config));
        lines.add("db.url=" + PostgresServer.shared().newDatabase());
        lines.add("db.user=" + PostgresServer.USER);
        return lines.toArray(String[]::new);
    }

    /** Stops everything and returns all that was logged. */
    @Override
    public void close() throws Exception {
        chorus.close();
        openAi.close();
        backup.close();
        telegram.close();
        log.stop();
    }
}
