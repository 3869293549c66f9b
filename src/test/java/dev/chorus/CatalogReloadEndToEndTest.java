package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramEmulator;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /catalog reload through the real bot: an admin loads a newer catalog file without a restart, is told
 * what came and went, and the new model is routable at once; a bad file changes nothing; others are refused.
 */
class CatalogReloadEndToEndTest {
    private static final String TOKEN = BotHarness.TOKEN;
    private static final long ADMIN = 9801;
    private static final String ENTRY = "{\"id\": \"%s\", \"provider\": \"openai\", \"protocol\": \"OPENAI_CHAT\", "
            + "\"contextWindow\": 128000, \"maxOutput\": 16384, \"pricedOn\": \"2026-12-01\", \"price\": {\"input\": 0.1, "
            + "\"output\": 0.4}, \"capabilities\": {\"chat\": 0.7}}";

    @TempDir
    static Path dir;
    static Path catalog;
    static BotHarness bot;
    static TelegramEmulator telegram;

    @BeforeAll
    static void start() throws Exception {
        catalog = dir.resolve("house.json");
        write("house-model");
        bot = BotHarness.start(dir, "admins=" + ADMIN, "catalog.file=" + catalog.toString().replace("\\", "/"));
        telegram = bot.telegram;
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void anAdminReloadsANewerCatalogAndItsModelsAreThereAtOnce() throws Exception {
        TelegramUser ada = new TelegramUser(ADMIN, "Ada", "ada");
        assertThat(bot.chorus.catalog().find("house-model-2")).isEmpty();
        write("house-model-2");
        assertThat(reply(ada, "/catalog reload")).startsWith("Catalog reloaded: ")
                .contains("New: house-model-2.").contains("No longer in it: house-model.");
        assertThat(bot.chorus.catalog().find("house-model-2")).isPresent();
        assertThat(reply(ada, "/models")).contains("house-model-2").doesNotContain("house-model ·");

        Files.writeString(catalog, "{\"models\": [ not json");
        assertThat(reply(ada, "/catalog reload")).startsWith("The catalog was not changed: Config error: catalog.file");
        assertThat(bot.chorus.catalog().find("house-model-2")).as("a bad file changes nothing").isPresent();
    }

    @Test
    void othersCannotReload() {
        assertThat(reply(new TelegramUser(9802, "Bo", "bo"), "/catalog reload"))
                .isEqualTo("Only the bot's admins can reload the model catalog.");
    }

    private static String reply(TelegramUser user, String text) {
        long mark = telegram.mark();
        telegram.sendPrivate(TOKEN, user, text);
        return telegram.awaitMessages(mark, user.id(), 1).getFirst().text();
    }

    private static void write(String id) throws Exception {
        Files.writeString(catalog, "{\"models\": [" + ENTRY.formatted(id) + "]}");
    }
}
