package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.QuestionJournal;
import dev.chorus.testing.Concurrently;
import dev.chorus.testing.StoreKind;
import dev.chorus.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the store guarantees when two processes share one database (two {@link Database}s on it,
 * as two replicas would be): no overspend under concurrent reservations, alerts and updates taken
 * once, a live process's work left alone and a stopped one's taken over by exactly one other.
 * Runs on SQLite and on PostgreSQL.
 */
@ParameterizedClass
@EnumSource(StoreKind.class)
class SharedStoreTest {
    @Parameter
    StoreKind kind;

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-12-03T10:00:00Z"));
    Database first;
    Database second;

    @BeforeEach
    void open() {
        first = kind.open(dir.resolve("shared.db"));
        second = kind.open(dir.resolve("shared.db"));
    }

    @AfterEach
    void close() {
        first.close();
        second.close();
    }

    @Test
    void migratesToTheNewestSchemaAndAnswersTheHealthCheck() {
        assertThat(first.schemaVersion()).isEqualTo("16");
        assertThat(first.isReachable()).isTrue();
        assertThat(first.replicaId()).isNotEqualTo(second.replicaId());
    }

    @Test
    void concurrentReservationsOfTwoProcessesNeverPassTheLimit() throws Exception {
        List<BudgetLedger> ledgers = List.of(new BudgetLedger(first), new BudgetLedger(second));
        ScopeKey user = ScopeKey.user(7);
        List<Hold> holds = List.of(new Hold(user, "2026-12-03", 1_000), new Hold(ScopeKey.global(), "2026-12-03", -1));
        AtomicInteger reserved = new AtomicInteger();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            BudgetLedger ledger = ledgers.get(i % 2);
            String id = "r" + i;
            calls.add(() -> {
                if (ledger.reserve(new NewReservation(id, clock.instant(), 7, 7, "m", "answer", 100, 50), holds)
                        instanceof ReserveResult.Reserved) {
                    reserved.incrementAndGet();
                }
                return null;
            });
        }
        Concurrently.runAll(calls);
        assertThat(reserved).hasValue(10);
        assertThat(ledgers.get(0).used(user, "2026-12-03")).isEqualTo(1_000);
    }

    @Test
    void aLiveProcessKeepsItsReservationsAndAStoppedOneIsReconciledOnce() throws Exception {
        BudgetLedger mine = new BudgetLedger(first);
        List<Hold> holds = List.of(new Hold(ScopeKey.user(7), "2026-12-03", 10_000));
        mine.reserve(new NewReservation("live", clock.instant(), 7, 7, "m", "answer", 300, 100), holds);
        mine.markSent("live");
        if (kind == StoreKind.POSTGRESQL) {
            // a SQLite file has one process: opening it again means the one before stopped
            assertThat(new BudgetLedger(second).abandoned()).as("the other process is alive").isEmpty();
        }
        assertThat(mine.abandoned()).as("never one's own").isEmpty();

        stopBeating(first);
        List<Callable<Integer>> closes = new ArrayList<>();
        for (Database db : List.of(second, kind.open(dir.resolve("shared.db")))) {
            BudgetLedger other = new BudgetLedger(db);
            closes.add(() -> {
                int closed = 0;
                for (OpenReservation r : other.abandoned()) {
                    closed += other.close(r.id(), r.estimateMicros(), true, "reconciled", clock.instant()) ? 1 : 0;
                }
                return closed;
            });
        }
        assertThat(Concurrently.runAll(closes).stream().mapToInt(Integer::intValue).sum()).isEqualTo(1);
        assertThat(mine.used(ScopeKey.user(7), "2026-12-03")).as("the estimate is charged, the hold released")
                .isEqualTo(100);
    }

    @Test
    void eachAlertThresholdIsMarkedOnceAcrossProcesses() throws Exception {
        List<Callable<Boolean>> marks = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BudgetLedger ledger = new BudgetLedger(i % 2 == 0 ? first : second);
            marks.add(() -> ledger.markAlert(ScopeKey.global(), "2026-12-03", 80, clock.instant()));
        }
        assertThat(Concurrently.runAll(marks)).containsOnlyOnce(true);
    }

    @Test
    void anUpdateIsTakenOnceAcrossProcesses() throws Exception {
        List<Callable<Boolean>> takes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SeenUpdates seen = new SeenUpdates(i % 2 == 0 ? first : second, clock);
            takes.add(() -> seen.first(123_456_789_012L));
        }
        assertThat(Concurrently.runAll(takes)).containsOnlyOnce(true);
    }

    @Test
    void theProcessThatWroteAMessageSendsItAndAnotherOnlyAfterItsClaimRanOut() {
        org.junit.jupiter.api.Assumptions.assumeTrue(kind == StoreKind.POSTGRESQL,
                "a SQLite file has one process: opening it again means the one before stopped, whose messages are "
                        + "then free at once (CrashRestartEndToEndTest)");
        Outbox mine = new Outbox(first, clock);
        Outbox theirs = new Outbox(second, clock);
        long chat = -1_001_234_567_890L;
        mine.enqueue(chat, List.of(Outbox.Message.send("one", false, null, null, null, null),
                Outbox.Message.send("two", false, null, null, null, null)));

        Outbox.Pending head = mine.claimHead(chat).orElseThrow();
        assertThat(head.message().text()).isEqualTo("one");
        assertThat(theirs.claimHead(chat)).as("claimed by the first").isEmpty();
        assertThat(theirs.chatsDue(10)).as("not due for the other while claimed").isEmpty();
        assertThat(mine.chatsDue(10)).containsExactly(chat);

        mine.sent(head.id(), 41);
        mine.retryIn(mine.claimHead(chat).orElseThrow().id(), Duration.ofSeconds(5), "Telegram down");
        clock.advance(Duration.ofSeconds(6));
        assertThat(theirs.claimHead(chat)).as("a retry stays with the writer").isEmpty();
        clock.advance(Outbox.CLAIM);
        assertThat(theirs.claimHead(chat).orElseThrow().message().text()).as("the writer stopped: taken over")
                .isEqualTo("two");
        assertThat(mine.claimHead(chat)).as("now the other's").isEmpty();
    }

    @Test
    void aQuestionIsAnsweredAgainOnlyOnceItsProcessStopped() throws Exception {
        JdbiQuestionJournal mine = new JdbiQuestionJournal(first, clock);
        long id = mine.started(new QuestionJournal.JournaledQuestion(-42, 7, true, "why is the sky blue", 5, null,
                false, QuestionJournal.JournaledQuestion.ASK, false));
        if (kind == StoreKind.POSTGRESQL) {
            assertThat(new JdbiQuestionJournal(second, clock).unfinished()).as("its process is alive").isEmpty();
        }

        stopBeating(first);
        // two live processes look at once; a SQLite file has one process, so there its two journals look
        Database third = kind == StoreKind.POSTGRESQL ? kind.open(dir.resolve("shared.db")) : second;
        List<Callable<List<QuestionJournal.Unfinished>>> takes = List.of(
                () -> new JdbiQuestionJournal(second, clock).unfinished(),
                () -> new JdbiQuestionJournal(third, clock).unfinished());
        List<Long> taken = Concurrently.runAll(takes).stream().flatMap(List::stream).map(QuestionJournal.Unfinished::id).toList();
        assertThat(taken).containsExactly(id);
        assertThat(new JdbiQuestionJournal(second, clock).unfinished()).as("its new process is alive").isEmpty();
        if (third != second) {
            third.close();
        }
    }

    @Test
    void ratingsAndBudgetsReadTheSameOnBothDatabases() {
        BudgetLedger ledger = new BudgetLedger(first);
        ledger.setBudget(ScopeKey.group(-100), 2_500_000, "week", clock.instant(), 1);
        ledger.setBudget(ScopeKey.group(-100), 3_000_000, "month", clock.instant(), 1);
        assertThat(new BudgetLedger(second).budget(ScopeKey.group(-100)))
                .contains(new BudgetRow(3_000_000, "month"));
    }

    @Test
    void aRatingStillBeingWrittenByAnotherProcessIsWaitedForNotSkipped() {
        JdbiLearningLog log = new JdbiLearningLog(second, clock);
        String now = Instant.now().toString();
        for (long id : new long[] {1, 2, 4}) {
            first.jdbi().useHandle(h -> h.createUpdate("""
                    INSERT INTO ratings (id, chat_id, user_id, model, question, score, source, at)
                    VALUES (:id, 7, 7, 'm', 'q', 5, 'button', :at)""").bind("id", id).bind("at", now).execute());
        }
        assertThat(log.after(0, 100)).extracting(e -> e.id()).as("3 may commit yet: not past it").containsExactly(1L, 2L);
        assertThat(log.after(2, 100)).isEmpty();
        first.jdbi().useHandle(h -> h.createUpdate("UPDATE ratings SET at = :at WHERE id = 4")
                .bind("at", Instant.now().minus(JdbiLearningLog.GAP_SETTLES).minusSeconds(1).toString()).execute());
        assertThat(log.after(2, 100)).extracting(e -> e.id()).as("3 never came: rolled back").containsExactly(4L);
    }

    /** The process stopped beating longer than the lease ago, as after a kill -9. */
    private static void stopBeating(Database db) {
        db.jdbi().useHandle(h -> h.createUpdate("UPDATE replicas SET seen_at = '2000-01-01T00:00:00Z' WHERE id = :id")
                .bind("id", db.replicaId()).execute());
    }
}
