package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.Concurrently;
import dev.chorus.testing.StoreKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** An admin alert goes out once per quiet period across processes on one database, and across a restart. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class JdbiAlertRepeatsTest {
    private static final Duration HOUR = Duration.ofHours(1);
    // a whole second: Instant.toString() would write it without a fraction, which sorts after 10:00:00.5
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;

    @Test
    void ofManyProcessesAskingAtOnceExactlyOneSends() throws Exception {
        try (Database first = kind.open(dir.resolve("alerts.db")); Database second = kind.open(dir.resolve("alerts.db"))) {
            List<JdbiAlertRepeats> processes = List.of(new JdbiAlertRepeats(first), new JdbiAlertRepeats(second));
            List<Callable<Boolean>> asks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                JdbiAlertRepeats repeats = processes.get(i % 2);
                Instant at = NOW.plusMillis(i * 20L); // within the quiet period, in any order
                asks.add(() -> repeats.firstWithin("auth:openai", at, HOUR));
            }
            List<Boolean> sends = Concurrently.runAll(asks);
            assertThat(sends).containsOnlyOnce(true);
            assertThat(processes.get(1).firstWithin("gone:gpt-4o", NOW, HOUR)).as("another alert").isTrue();
        }
    }

    @Test
    void theQuietPeriodOutlivesARestartAndThenEnds() {
        Path file = dir.resolve("restart.db");
        try (Database db = kind.open(file)) {
            assertThat(new JdbiAlertRepeats(db).firstWithin("auth:openai", NOW, HOUR)).isTrue();
        }
        try (Database db = kind.open(file)) {
            JdbiAlertRepeats repeats = new JdbiAlertRepeats(db);
            assertThat(repeats.firstWithin("auth:openai", NOW.plusMillis(500), HOUR)).as("half a second later").isFalse();
            assertThat(repeats.firstWithin("auth:openai", NOW.plus(HOUR).minusMillis(1), HOUR)).isFalse();
            assertThat(repeats.firstWithin("auth:openai", NOW.plus(HOUR), HOUR)).as("an hour later").isTrue();
            assertThat(repeats.firstWithin("auth:openai", NOW.plus(HOUR).plusSeconds(1), HOUR)).isFalse();
        }
    }
}
