package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.CallRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void createsTheFileAndFolderAndMigratesToTheNewestSchema() {
        Path file = dir.resolve("nested/folder/chorus.db");
        Database db = Database.open(file);
        assertThat(file).exists();
        assertThat(db.schemaVersion()).isEqualTo("16");
        assertThat(db.isReachable()).isTrue();
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").mapTo(String.class).list());
        assertThat(tables).contains("users", "chats", "llm_calls", "budgets", "reservations", "ledger", "alerts_sent",
                "flyway_schema_history");
    }

    @Test
    void runsInWalModeWithABusyTimeout() {
        Database db = Database.open(dir.resolve("chorus.db"));
        assertThat(text(db, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(text(db, "PRAGMA busy_timeout")).isEqualTo("10000");
    }

    @Test
    void callsSurviveAReopenWithExactAmounts() {
        Path file = dir.resolve("chorus.db");
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        new JdbiCallLog(Database.open(file)).append(new CallRecord(at, 7L, -100L, "gpt-4o-mini", "answer",
                "Completed", 23, 0, 8, 9, false, 812));

        Database reopened = Database.open(file);
        assertThat(reopened.schemaVersion()).isEqualTo("16");
        List<CallRecord> calls = new JdbiCallLog(reopened).recent(10);
        assertThat(calls).containsExactly(new CallRecord(at, 7L, -100L, "gpt-4o-mini", "answer", "Completed",
                23, 0, 8, 9, false, 812));
        // Stored as readable text, not epoch numbers.
        assertThat(text(reopened, "SELECT at FROM llm_calls")).isEqualTo("2026-11-22T10:15:30.123Z");
    }

    @Test
    void directoryRemembersUsersAndChatsAndUpdatesThem() {
        Database db = Database.open(dir.resolve("chorus.db"));
        Directory directory = new JdbiDirectory(db, Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC));
        directory.seen(5, "ann", "Ann", -42, "supergroup", "Team");
        directory.seen(5, "ann_new", "Ann", -42, "supergroup", "Team 2");
        assertThat(text(db, "SELECT username FROM users WHERE id = 5")).isEqualTo("ann_new");
        assertThat(text(db, "SELECT title FROM chats WHERE id = -42")).isEqualTo("Team 2");
    }

    @Test
    void aChosenLanguageSurvivesARestartAndWinsOverTelegrams() {
        Path file = dir.resolve("chorus.db");
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T00:00:00Z"), ZoneOffset.UTC);
        Database db = Database.open(file);
        Directory directory = new JdbiDirectory(db, clock);
        directory.seen(5, "ann", "Ann", 5, "private", null, "en-US");
        assertThat(directory.chosenLanguage(5)).isEmpty();
        assertThat(directory.language(5)).contains("en-US");
        directory.chooseLanguage(5, "ru");
        // a later message without language_code keeps what Telegram said before
        directory.seen(5, "ann", "Ann", 5, "private", null, null);
        // someone never seen can still choose (a button pressed before any message was recorded)
        directory.chooseLanguage(6, "en");
        db.close();

        Database reopened = Database.open(file);
        Directory again = new JdbiDirectory(reopened, clock);
        assertThat(again.chosenLanguage(5)).contains("ru");
        assertThat(again.language(5)).contains("ru");
        assertThat(again.chosenLanguage(6)).contains("en");
        assertThat(again.language(7)).isEmpty();
        assertThat(text(reopened, "SELECT telegram_language FROM users WHERE id = 5")).isEqualTo("en-US");
        reopened.close();
    }

    private static String text(Database db, String sql) {
        String value = db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
        return value;
    }

    @Test
    void aClosedDatabaseRefusesWorkAndItsFileOpensAgain() {
        Database db = Database.open(dir.resolve("closing.db"));
        assertThat(db.isReachable()).isTrue();
        db.close();
        assertThat(db.isReachable()).isFalse();
        try (Database again = Database.open(dir.resolve("closing.db"))) {
            assertThat(again.isReachable()).isTrue();
        }
    }

    @Test
    void anUpdateIdIsTakenOnceAcrossAReopenUntilItIsPruned() {
        Path file = dir.resolve("seen.db");
        dev.chorus.testing.TestClock clock = new dev.chorus.testing.TestClock(Instant.parse("2026-12-03T10:00:00Z"));
        SeenUpdates seen = new SeenUpdates(Database.open(file), clock);
        assertThat(seen.first(42)).isTrue();
        assertThat(seen.first(42)).isFalse();
        SeenUpdates reopened = new SeenUpdates(Database.open(file), clock);
        assertThat(reopened.first(42)).as("after a restart").isFalse();
        assertThat(reopened.first(43)).isTrue();
        reopened.forget(43);
        assertThat(reopened.first(43)).as("forgotten when it could not be taken").isTrue();
        clock.advance(java.time.Duration.ofDays(3));
        assertThat(reopened.prune(java.time.Duration.ofDays(2))).isEqualTo(2);
        assertThat(reopened.first(42)).isTrue();
    }
}
