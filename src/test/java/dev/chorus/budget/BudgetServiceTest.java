package dev.chorus.budget;

import dev.chorus.testing.StoreKind;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.Amounts;
import dev.chorus.config.BudgetSettings;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.store.ScopeKey;
import dev.chorus.testing.TestClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Budgets on a real SQLite file; the clock is moved by hand. */
/** Runs on SQLite and on PostgreSQL. */
@ParameterizedClass
@EnumSource(StoreKind.class)
class BudgetServiceTest {
    @Parameter
    StoreKind kind;

    /** Input is free and output costs $1 per million tokens: a call capped at 1,000 output tokens costs at most 1,000 µ$. */
    static final ModelSpec MODEL = new ModelSpec("test-model", "test", WireProtocol.OPENAI_CHAT, null, 100_000, 4096,
            new ModelPrice(BigDecimal.ZERO, null, BigDecimal.ONE, null), Map.of(), LatencyClass.FAST, false);
    static final ModelSpec FREE = new ModelSpec("local", "ollama", WireProtocol.OPENAI_CHAT, null, 100_000, 4096,
            ModelPrice.FREE, Map.of(), LatencyClass.SLOW, true);

    @TempDir
    Path dir;
    Path file;
    TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z"));
    List<String> alerts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        file = dir.resolve("chorus.db");
    }

    /** Every process that used the database stopped beating longer than the lease ago (a kill -9). */
    void diedLongAgo() {
        kind.open(file).jdbi().useHandle(h -> h.execute("UPDATE replicas SET seen_at = '2000-01-01T00:00:00Z'"));
    }

    BudgetLedger ledger() {
        return new BudgetLedger(kind.open(file));
    }

    BudgetService service(BudgetSettings settings, Set<Long> admins) {
        Database db = kind.open(file);
        BudgetLedger ledger = new BudgetLedger(db);
        return new BudgetService(ledger, settings, admins, clock,
                new BudgetAlerts(ledger, new JdbiDirectory(db, clock), clock, alert -> alerts.add(alert.english())));
    }

    static BudgetSettings settings(String user, String group, String memberCap, String global) {
        return new BudgetSettings(Amounts.limit(user), Amounts.limit(group),
                Optional.ofNullable(memberCap).map(Amounts::limit), Optional.ofNullable(global).map(Amounts::limit),
                false, ZoneId.of("UTC"));
    }

    @Test
    void twoHundredParallelCallsNeverOverspendAndExactlyTheOnesThatFitAreMade() throws Exception {
        // 0.025 $/day fits exactly 50 calls of 500 µ$ each (a call of at most 500 tokens holds its worst case).
        BudgetService budgets = service(settings("0.025/day", "5/day", null, null), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "answer");
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger denied = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                calls.add(threads.submit(() -> {
                    start.await();
                    switch (gate.admit(MODEL, 0, 500)) {
                        case SpendGate.Admission.Granted g -> {
                            granted.incrementAndGet();
                            g.spend().sent();
                            g.spend().settle(500, false);
                        }
                        case SpendGate.Admission.Denied d -> denied.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        }
        assertThat(granted.get()).isEqualTo(50);
        assertThat(denied.get()).isEqualTo(150);
        ScopeState state = budgets.states(Spender.privately(7)).getFirst();
        assertThat(state.usedMicros()).isEqualTo(25_000);
        assertThat(state.remainingMicros()).isZero();
        Database db = kind.open(file);
        // The ledger balances to the micro-dollar: holds and releases cancel, charges are the spend.
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
        assertThat(sum(db, "kind = 'charge'")).isEqualTo(25_000);
        assertThat(count(db, "SELECT COUNT(*) FROM reservations WHERE state = 'settled'")).isEqualTo(50);
        assertThat(count(db, "SELECT COUNT(*) FROM reservations WHERE state IN ('open', 'sent')")).isZero();
    }

    @Test
    void settlingTwiceCountsOnce() {
        BudgetService budgets = service(settings("1/day", "5/day", null, null), Set.of());
        SpendGate.Spend spend = granted(budgets.gate(Spender.privately(7), "answer").admit(MODEL, 0, 1000));
        spend.settle(400, false);
        spend.settle(400, false);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(400);
    }

    @Test
    void crashBetweenReserveAndSettleIsReconciledAtRestart() {
        BudgetService before = service(settings("1/day", "5/day", null, null), Set.of());
        SpendGate gate = before.gate(Spender.privately(7), "answer");
        SpendGate.Spend sent = granted(gate.admit(MODEL, 100, 1000));
        sent.sent();
        granted(gate.admit(MODEL, 100, 1000)); // reserved, never sent
        // The process dies here: neither is settled. Both still hold their first share (512 output tokens).
        assertThat(before.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1024);
        diedLongAgo();

        BudgetService after = service(settings("1/day", "5/day", null, null), Set.of());
        assertThat(after.reconcile()).isEqualTo(2);
        // The sent one is charged its estimate (min(1000, 500) output tokens × $1/M); the other is released.
        assertThat(after.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(500);
        assertThat(after.reconcile()).isZero();
        Database db = kind.open(file);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM reservations WHERE state = 'reconciled'")).isEqualTo(2);
        // A settle arriving late (a retry) changes nothing.
        sent.settle(900, false);
        assertThat(after.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(500);
    }

    @Test
    void dailyBudgetResetsAtLocalMidnightAcrossDaylightSaving() {
        BudgetSettings berlin = new BudgetSettings(Amounts.limit("0.002/day"), Amounts.limit("5/day"),
                Optional.empty(), Optional.empty(), false, ZoneId.of("Europe/Berlin"));
        // 29 March 2026: clocks go from 02:00 to 03:00 in Berlin; the day is 23 hours long.
        clock.set(Instant.parse("2026-03-28T23:30:00Z")); // 00:30 CET on the 29th
        BudgetService budgets = service(berlin, Set.of());
        granted(budgets.gate(Spender.privately(7), "answer").admit(MODEL, 0, 1000)).settle(1000, false);
        ScopeState state = budgets.states(Spender.privately(7)).getFirst();
        assertThat(state.resets().toInstant()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z")); // midnight CEST
        clock.set(Instant.parse("2026-03-29T21:59:00Z"));
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1000);
        clock.set(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isZero();
    }

    @Test
    void weeklyAndMonthlyPeriodsStartOnMondayAndTheFirst() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant sunday = Instant.parse("2026-11-22T10:00:00Z"); // Sunday evening in Tokyo
        assertThat(Period.WEEK.start(sunday, tokyo).toString()).startsWith("2026-11-16T00:00+09:00");
        assertThat(Period.WEEK.next(sunday, tokyo).toString()).startsWith("2026-11-23T00:00+09:00");
        assertThat(Period.MONTH.start(sunday, tokyo).toString()).startsWith("2026-11-01T00:00+09:00");
        assertThat(Period.MONTH.next(Instant.parse("2026-12-31T16:00:00Z"), tokyo).toString())
                .startsWith("2027-02-01T00:00+09:00"); // already 1 January in Tokyo
    }

    @Test
    void groupPoolAndMemberCapAreBothEnforced() {
        BudgetService budgets = service(settings("1/day", "0.003/day", "0.002/day", null), Set.of());
        SpendGate ann = budgets.gate(Spender.inGroup(1, -100), "answer");
        SpendGate bob = budgets.gate(Spender.inGroup(2, -100), "answer");
        granted(ann.admit(MODEL, 0, 1000)).settle(1000, false);
        granted(ann.admit(MODEL, 0, 1000)).settle(1000, false);
        assertThat(ann.admit(MODEL, 0, 1000)).isInstanceOfSatisfying(SpendGate.Admission.Denied.class,
                d -> assertThat(d.reason().english()).startsWith("Your share of this group's budget for today is used up"));
        granted(bob.admit(MODEL, 0, 1000)).settle(1000, false);
        assertThat(bob.admit(MODEL, 0, 1000)).isInstanceOfSatisfying(SpendGate.Admission.Denied.class,
                d -> assertThat(d.reason().english()).startsWith("This group's budget for today is used up"));
        // A free local model still answers at the limit.
        assertThat(bob.admit(FREE, 0, 1000)).isInstanceOf(SpendGate.Admission.Granted.class);
    }

    @Test
    void adminSetBudgetReplacesTheDefaultAndCapsForEveryMember() {
        BudgetService budgets = service(settings("1/day", "5/day", null, null), Set.of());
        budgets.set(ScopeKey.user(7), Amounts.limit("0.001/week"), 99);
        ScopeState state = budgets.states(Spender.privately(7)).getFirst();
        assertThat(state.limitMicros()).isEqualTo(1000);
        assertThat(state.period()).isEqualTo(Period.WEEK);
        budgets.set(ScopeKey.member(0, -100), Amounts.limit("0.5/day"), 99);
        assertThat(budgets.states(Spender.inGroup(3, -100))).extracting(s -> s.scope().kind())
                .containsExactly(dev.chorus.store.ScopeKind.GROUP, dev.chorus.store.ScopeKind.MEMBER);
    }

    @Test
    void allowListModeRefusesStrangers() {
        BudgetSettings allowList = new BudgetSettings(Amounts.limit("1/day"), Amounts.limit("5/day"), Optional.empty(),
                Optional.empty(), true, ZoneId.of("UTC"));
        BudgetService budgets = service(allowList, Set.of(99L));
        assertThat(budgets.allowed(Spender.privately(7))).isFalse();
        assertThat(budgets.allowed(Spender.privately(99))).isTrue();
        budgets.set(ScopeKey.user(7), Amounts.limit("1/day"), 99);
        assertThat(budgets.allowed(Spender.privately(7))).isTrue();
        assertThat(budgets.allowed(Spender.inGroup(8, -5))).isFalse();
        // what a group's own admin sets lets nobody in; a bot admin's budget for the group does
        budgets.set(ScopeKey.group(-5), Amounts.limit("2/day"), 8);
        assertThat(budgets.allowed(Spender.inGroup(8, -5))).isFalse();
        budgets.setGroupAsBotAdmin(-5, Amounts.limit("2/day"), 99);
        assertThat(budgets.allowed(Spender.inGroup(8, -5))).isTrue();
    }

    @Test
    void eachThresholdAlertsOnceAlsoAfterARestart() {
        BudgetService budgets = service(settings("0.01/day", "5/day", null, "1/day"), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "answer");
        for (int i = 0; i < 4; i++) {
            charge(gate, 1000); // 40 %
        }
        assertThat(alerts).isEmpty();
        charge(gate, 1000); // 50 %
        assertThat(alerts).singleElement().asString().contains("user (7) has used 50%", "/budget set 7 ");

        BudgetService restarted = service(settings("0.01/day", "5/day", null, "1/day"), Set.of());
        SpendGate again = restarted.gate(Spender.privately(7), "answer");
        charge(again, 1000); // 60 %: nothing new
        assertThat(alerts).hasSize(1);
        charge(again, 2000); // 80 %
        charge(again, 1000); // 90 %
        charge(again, 1000); // 100 %
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(1)).contains("80%");
        assertThat(alerts.get(2)).contains("100%");
        // The next day starts fresh.
        clock.set(clock.instant().plus(Duration.ofDays(1)));
        charge(restarted.gate(Spender.privately(7), "answer"), 5000);
        assertThat(alerts).hasSize(4);
    }

    @Test
    void aQuestionThatOnlyHoldsAreInTheWayOfIsToldItIsBusyNotUsedUp() {
        // 0.001 $ fits one first hold of 512 µ$ at a time, and two answers' real cost
        BudgetService budgets = new BudgetService(ledger(), settings("0.001/day", "5/day", null, null), Set.of(),
                clock, new BudgetAlerts(ledger(), new JdbiDirectory(kind.open(file), clock), clock, alert -> alerts.add(alert.english())),
                Duration.ofMillis(300), new SimpleMeterRegistry());
        SpendGate gate = budgets.gate(Spender.privately(7), "answer");
        SpendGate.Spend inFlight = granted(gate.admit(MODEL, 0, 4096));
        assertThat(gate.admit(MODEL, 0, 4096)).isInstanceOfSatisfying(SpendGate.Admission.Denied.class, d -> {
            assertThat(d.busy()).isTrue();
            assertThat(d.reason().english()).isEqualTo("Your budget is tied up by answers still being written right now. "
                    + "Please ask again in a few seconds.");
        });
        inFlight.settle(600, false);
        assertThat(gate.admit(MODEL, 0, 4096)).isInstanceOfSatisfying(SpendGate.Admission.Denied.class, d -> {
            assertThat(d.busy()).isFalse();
            assertThat(d.reason().english()).startsWith("Your budget for today is used up");
        });
    }

    @Test
    void aQuestionWaitsForAnAnswerInFlightToSettleInsteadOfBeingRefused() throws Exception {
        BudgetService budgets = service(settings("0.001/day", "5/day", null, null), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "answer");
        SpendGate.Spend inFlight = granted(gate.admit(MODEL, 0, 4096));
        Thread settler = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            inFlight.settle(80, false);
        });
        assertThat(gate.admit(MODEL, 0, 4096)).isInstanceOf(SpendGate.Admission.Granted.class);
        settler.join();
    }

    @Test
    void aHoldGrowsWhileTheBudgetHasRoomAndTheLedgerStillBalances() {
        BudgetService budgets = service(settings("0.002/day", "5/day", null, null), Set.of());
        SpendGate.Spend spend = granted(budgets.gate(Spender.privately(7), "answer").admit(MODEL, 0, 4096));
        assertThat(spend.outputTokens()).isEqualTo(512);
        assertThat(spend.extendTo(1024)).isTrue();
        assertThat(spend.extendTo(2000)).isTrue();
        assertThat(spend.extendTo(2001)).as("past the $0.002 budget").isFalse();
        assertThat(spend.outputTokens()).isEqualTo(2000);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(2000);
        spend.settle(1500, false);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1500);
        Database db = kind.open(file);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
        assertThat(alerts).noneMatch(a -> a.contains("billed"));
    }

    @Test
    void aChargeAboveTheHoldIsChargedAndReportedOncePerModel() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        BudgetService budgets = new BudgetService(ledger(), settings("1/day", "5/day", null, null), Set.of(), clock,
                new BudgetAlerts(ledger(), new JdbiDirectory(kind.open(file), clock), clock, alert -> alerts.add(alert.english())),
                Duration.ofSeconds(1), metrics);
        SpendGate gate = budgets.gate(Spender.privately(7), "answer");
        granted(gate.admit(MODEL, 0, 100)).settle(30_000, false);
        granted(gate.admit(MODEL, 0, 100)).settle(30_000, false);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(60_000);
        assertThat(alerts).filteredOn(a -> a.contains("billed")).singleElement().asString()
                .contains("test-model billed $0.03", "allowed $0.0001");
        assertThat(metrics.counter("chorus.budget.overruns", "model", "test-model").count()).isEqualTo(2.0);
    }

    @Test
    void aPersonalBudgetFollowsItsOwnerIntoGroups() {
        BudgetService budgets = service(settings("1/day", "5/day", null, null), Set.of());
        assertThat(budgets.states(Spender.inGroup(7, -5))).extracting(s -> s.scope().kind())
                .containsExactly(dev.chorus.store.ScopeKind.GROUP);
        budgets.set(ScopeKey.user(7), Amounts.limit("0/day"), 99);
        assertThat(budgets.states(Spender.inGroup(7, -5))).extracting(s -> s.scope().kind())
                .containsExactly(dev.chorus.store.ScopeKind.GROUP, dev.chorus.store.ScopeKind.USER);
        assertThat(budgets.gate(Spender.inGroup(7, -5), "answer").admit(MODEL, 0, 100))
                .isInstanceOf(SpendGate.Admission.Denied.class);
    }

    @Test
    void aRunHoldsItsWorstCaseAtOnceItsCallsTakeTheirHoldsFromItAndTheRestGoesBack() {
        BudgetService budgets = service(settings("0.002/day", "5/day", null, null), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "multi");
        assertThat(gate.reserveRun(2_001)).as("more than the budget").isInstanceOf(SpendGate.RunAdmission.Denied.class);
        SpendGate.RunAdmission.Granted run = (SpendGate.RunAdmission.Granted) gate.reserveRun(1_500);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1_500);
        // another question now finds only what the run did not hold
        assertThat(gate.admit(MODEL, 0, 600)).isInstanceOf(SpendGate.Admission.Denied.class);
        SpendGate.Spend call = granted(run.gate().admit(MODEL, 0, 512));
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).as("taken from the run's hold")
                .isEqualTo(1_500);
        call.settle(100, false);
        run.release().run();
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(100);
        Database db = kind.open(file);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
        assertThat(sum(db, "kind = 'charge'")).isEqualTo(100);
    }

    @Test
    void aCallOfARunGrowsItsHoldOutOfTheRunsHoldFirst() {
        BudgetService budgets = service(settings("0.002/day", "5/day", null, null), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "multi");
        SpendGate.RunAdmission.Granted run = (SpendGate.RunAdmission.Granted) gate.reserveRun(1_900);
        SpendGate.Spend call = granted(run.gate().admit(MODEL, 0, 4096));
        // the budget has $0.0001 beside the run: only the run's own hold lets the answer grow this far
        assertThat(call.extendTo(1_800)).isTrue();
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1_900);
        assertThat(call.extendTo(2_100)).as("the run's hold and the budget's room both gone").isFalse();
        call.settle(1_700, false);
        run.release().run();
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1_700);
        Database db = kind.open(file);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
    }

    @Test
    void aCallStillStreamingWhenItsRunEndsExtendsAgainstTheBudgetAlone() {
        BudgetService budgets = service(settings("0.002/day", "5/day", null, null), Set.of());
        SpendGate gate = budgets.gate(Spender.privately(7), "multi");
        SpendGate.RunAdmission.Granted run = (SpendGate.RunAdmission.Granted) gate.reserveRun(1_000);
        SpendGate.Spend call = granted(run.gate().admit(MODEL, 0, 4096));
        run.release().run();
        assertThat(call.extendTo(1_500)).isTrue();
        call.settle(1_500, false);
        assertThat(budgets.states(Spender.privately(7)).getFirst().usedMicros()).isEqualTo(1_500);
        Database db = kind.open(file);
        assertThat(sum(db, "kind IN ('hold', 'release')")).isZero();
    }

    /** A call that streamed {@code micros} output tokens ($1/M), extending its hold as it went. */
    private static void charge(SpendGate gate, long micros) {
        SpendGate.Spend spend = granted(gate.admit(MODEL, 0, 4096));
        assertThat(spend.extendTo((int) micros)).isTrue();
        spend.settle(micros, false);
    }

    private static SpendGate.Spend granted(SpendGate.Admission admission) {
        assertThat(admission).isInstanceOf(SpendGate.Admission.Granted.class);
        return ((SpendGate.Admission.Granted) admission).spend();
    }

    private static long sum(Database db, String where) {
        Long value = db.jdbi().withHandle(h -> h.createQuery("SELECT COALESCE(SUM(amount_micros), 0) FROM ledger WHERE "
                + where).mapTo(Long.class).one());
        return value;
    }

    private static long count(Database db, String sql) {
        Long value = db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
        return value;
    }

}
