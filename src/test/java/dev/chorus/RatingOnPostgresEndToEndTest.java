package dev.chorus;

import dev.chorus.testing.BotHarness;
import org.junit.jupiter.api.BeforeAll;

/** Every scenario of {@link RatingEndToEndTest} (ratings, learning, /stats), with the data in PostgreSQL. */
class RatingOnPostgresEndToEndTest extends RatingEndToEndTest {
    @BeforeAll
    static void start() throws Exception {
        startWith(BotHarness.onPostgres("model.default=auto", "model.fallbacks=", "admins=" + ADMIN));
    }
}
