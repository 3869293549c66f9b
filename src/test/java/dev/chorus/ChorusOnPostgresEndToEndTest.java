package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.BotHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every scenario of {@link ChorusEndToEndTest}, with the bot's data in PostgreSQL instead of SQLite. */
class ChorusOnPostgresEndToEndTest extends ChorusEndToEndTest {
    @BeforeAll
    static void start() throws Exception {
        startWith(BotHarness.onPostgres("answer.max-tokens=4096"));
    }

    @Test
    void keepsItsDataInPostgres() {
        assertThat(log.text()).contains("database PostgreSQL")
                .doesNotContain("database SQLite");
    }
}
