package dev.chorus.budget;

import dev.chorus.config.Amounts;
import dev.chorus.config.BudgetSettings;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.BudgetRow;
import dev.chorus.store.Hold;
import dev.chorus.store.NewReservation;
import dev.chorus.store.OpenReservation;
import dev.chorus.store.ReserveResult;
import dev.chorus.store.ScopeKey;
import dev.chorus.store.ScopeKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Budgets per user, per group (with an optional cap per member) and for the whole bot. Every model
 * call reserves its worst-case cost against every scope it touches before it is made, and settles
 * with the real cost after; a call that does not fit is not made. Thread-safe.
 */
public final class BudgetService {
    private static final Logger log = LoggerFactory.getLogger(BudgetService.class);
    // What an answer usually costs, for the estimate charged when a crash hides the real cost.
    private static final int TYPICAL_ANSWER_TOKENS = 500;
    /**
     * The output a call's first hold pays for. Most answers are shorter, so holding the whole
     * max_tokens for every answer in flight refused people while most of the budget was unspent;
     * a longer answer extends its hold as it streams, and is stopped where the budget has no room.
     */
    static final int FIRST_HOLD_OUTPUT_TOKENS = 512;
    /** How long a question waits for answers in flight to settle when only their holds are in its way. */
    static final Duration BUSY_PATIENCE = Duration.ofSeconds(8);
    private static final Duration BUSY_POLL = Duration.ofMillis(200);

    private final BudgetLedger ledger;
    private final BudgetSettings settings;
    private final Set<Long> admins;
    private final Clock clock;
    private final BudgetAlerts alerts;
    private final Duration busyPatience;
    private final MeterRegistry metrics;

    public BudgetService(BudgetLedger ledger, BudgetSettings settings, Set<Long> admins, Clock clock,
                         BudgetAlerts alerts) {
        this(ledger, settings, admins, clock, alerts, BUSY_PATIENCE, new SimpleMeterRegistry());
    }

    /** @param metrics where spend and refusals per scope are counted */
    public BudgetService(BudgetLedger ledger, BudgetSettings settings, Set<Long> admins, Clock clock,
                         BudgetAlerts alerts, MeterRegistry metrics) {
        this(ledger, settings, admins, clock, alerts, BUSY_PATIENCE, metrics);
    }

    public BudgetService(BudgetLedger ledger, BudgetSettings settings, Set<Long> admins, Clock clock,
                         BudgetAlerts alerts, Duration busyPatience, MeterRegistry metrics) {
        this.ledger = ledger;
        this.settings = settings;
        this.admins = Set.copyOf(admins);
        this.clock = clock;
        this.alerts = alerts;
        this.busyPatience = busyPatience;
        this.metrics = metrics;
    }

    public BudgetSettings settings() {
        return settings;
    }

    /**
     * In allow-list mode only admins, people a bot admin gave a budget, and groups a bot admin gave a
     * budget may ask. A group's own admins cannot let anyone in: what they set is within the bot
     * admins' ceiling, and a refused person stays refused in a group of their own.
     */
    public boolean allowed(Spender spender) {
        if (!settings.refuseUnknownUsers() || admins.contains(spender.userId())) {
            return true;
        }
        return ledger.budget(ScopeKey.user(spender.userId())).isPresent()
                || spender.inGroup() && ledger.ceiling(spender.chatId()).isPresent();
    }

    /** Whether {@code userId} is one of the bot's admins. */
    public boolean isBotAdmin(long userId) {
        return admins.contains(userId);
    }

    /** The most a group's own admins may give it: what a bot admin allowed, else the default group budget. */
    public Amounts.Limit groupCeiling(long groupId) {
        return ledger.ceiling(groupId).map(r -> new Amounts.Limit(r.limitMicros(), r.period())).orElse(settings.group());
    }

    /** A bot admin sets a group's budget, which is also the most its own admins may give it from now on. */
    public void setGroupAsBotAdmin(long groupId, Amounts.Limit limit, long setBy) {
        ledger.setCeiling(groupId, limit.micros(), limit.period(), clock.instant(), setBy);
        set(ScopeKey.group(groupId), limit, setBy);
    }

    /** Every scope {@code spender}'s calls are charged to, with its limit and use now. */
    public List<ScopeState> states(Spender spender) {
        Instant now = clock.instant();
        List<ScopeState> states = new ArrayList<>();
        for (ScopeKey scope : scopes(spender)) {
            Optional<Amounts.Limit> limit = limitOf(scope);
            Period period = limit.map(l -> Period.of(l.period())).orElse(Period.DAY);
            String start = period.start(now, settings.zone()).toInstant().toString();
            states.add(new ScopeState(scope, limit.map(Amounts.Limit::micros).orElse(-1L), period,
                    ledger.used(scope, start), period.next(now, settings.zone())));
        }
        return states;
    }

    /** What the tightest of {@code spender}'s budgets still allows, or {@link Long#MAX_VALUE} with none. */
    public long headroom(Spender spender) {
        return states(spender).stream().mapToLong(ScopeState::remainingMicros).min().orElse(Long.MAX_VALUE);
    }

    /** Charged micro-dollars per model for {@code state}'s scope this period. */
    public java.util.Map<String, Long> spendByModel(ScopeState state) {
        return ledger.spendByModel(state.scope(), periodStart(state.period()));
    }

    /** What {@code userId} spent over the last {@code days} days, wherever they asked. */
    public SpendHistory history(long userId, int days) {
        java.time.ZoneId zone = settings.zone();
        java.time.LocalDate to = java.time.LocalDate.ofInstant(clock.instant(), zone);
        java.time.LocalDate from = to.minusDays(days - 1L);
        java.util.SortedMap<java.time.LocalDate, java.util.Map<String, Long>> byDay = new java.util.TreeMap<>();
        for (java.time.LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            byDay.put(day, new java.util.TreeMap<>());
        }
        java.util.Map<String, Long> byModel = new java.util.HashMap<>();
        long total = 0;
        for (BudgetLedger.Charge charge : ledger.charges(userId, from.atStartOfDay(zone).toInstant())) {
            java.time.LocalDate day = java.time.LocalDate.ofInstant(charge.at(), zone);
            byDay.computeIfAbsent(day, d -> new java.util.TreeMap<>()).merge(charge.model(), charge.micros(), Long::sum);
            byModel.merge(charge.model(), charge.micros(), Long::sum);
            total += charge.micros();
        }
        java.util.Map<String, Long> sorted = new java.util.LinkedHashMap<>();
        byModel.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new SpendHistory(from, to, byDay, sorted, total);
    }

    public void set(ScopeKey scope, Amounts.Limit limit, long setBy) {
        ledger.setBudget(scope, limit.micros(), limit.period(), clock.instant(), setBy);
        log.info("budget of {} set to {} micro-dollars per {} by {}", scope, limit.micros(), limit.period(), setBy);
    }

    /** The budget gate for one question: each model call reserves against {@code spender}'s scopes. */
    public SpendGate gate(Spender spender, String purpose) {
        return new SpendGate() {
            @Override
            public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens) {
                return BudgetService.this.admit(spender, purpose, model, promptTokens, maxOutputTokens, 0);
            }

            @Override
            public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens, int hidden) {
                return BudgetService.this.admit(spender, purpose, model, promptTokens, maxOutputTokens, hidden);
            }

            @Override
            public RunAdmission reserveRun(long worstCaseMicros) {
                return BudgetService.this.reserveRun(spender, purpose, worstCaseMicros);
            }
        };
    }

    /**
     * Holds a whole run's worst case against every scope at once (no call is sent: a crash releases
     * it), and returns the gate its calls take their holds from.
     */
    private SpendGate.RunAdmission reserveRun(Spender spender, String purpose, long worstCaseMicros) {
        Instant now = clock.instant();
        List<Hold> holds = holdsOf(spender, now, worstCaseMicros);
        String id = UUID.randomUUID().toString();
        ReserveResult result = ledger.reserve(new NewReservation(id, now, spender.userId(), spender.chatId(), "run",
                purpose + "-run", worstCaseMicros, 0), holds);
        return switch (result) {
            case ReserveResult.Exceeded e -> {
                refused(e);
                ScopeState state = stateOf(spender, e.scope());
                boolean busy = e.spentMicros() + worstCaseMicros <= e.limitMicros();
                yield new SpendGate.RunAdmission.Denied(busy ? BudgetMessages.busy(state)
                        : BudgetMessages.exhausted(state, worstCaseMicros));
            }
            case ReserveResult.Reserved r -> {
                RunPool pool = new RunPool(id, worstCaseMicros, spender, purpose);
                yield new SpendGate.RunAdmission.Granted(pool, pool::release);
            }
        };
    }

    private List<Hold> holdsOf(Spender spender, Instant now, long reserved) {
        List<Hold> holds = new ArrayList<>();
        for (ScopeState state : states(spender)) {
            holds.add(new Hold(state.scope(), state.period().start(now, settings.zone()).toInstant().toString(),
                    reserved == 0 ? -1 : state.limitMicros()));
        }
        return holds;
    }

    /** A run's hold: each call takes its own hold out of it; what is left goes back when the run ends. */
    private final class RunPool implements SpendGate {
        private final String id;
        private final Spender spender;
        private final String purpose;
        private long left;

        RunPool(String id, long held, Spender spender, String purpose) {
            this.id = id;
            this.left = held;
            this.spender = spender;
            this.purpose = purpose;
        }

        @Override
        public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens) {
            return admit(model, promptTokens, maxOutputTokens, 0);
        }

        @Override
        public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens, int hidden) {
            CallHold call = CallHold.of(model, promptTokens, maxOutputTokens, hidden);
            long reserved = call.reserved();
            long fromPool = take(reserved);
            Instant now = clock.instant();
            List<Hold> holds = holdsOf(spender, now, reserved);
            String callId = UUID.randomUUID().toString();
            ReserveResult result = ledger.reserveFromPool(id, fromPool, new NewReservation(callId, now,
                    spender.userId(), spender.chatId(), model.id(), purpose, reserved, call.estimate()), holds);
            return switch (result) {
                case ReserveResult.Reserved r -> new SpendGate.Admission.Granted(new Reservation(callId, model, holds,
                        call.promptBound(), call.firstOutput(), reserved, this));
                case ReserveResult.Exceeded e -> {
                    refused(e);
                refused(e);
                    giveBack(fromPool);
                    yield new SpendGate.Admission.Denied(BudgetMessages.exhausted(stateOf(spender, e.scope()), reserved));
                }
            };
        }

        /** Takes up to {@code wanted} of what is left, for a call's hold or its extension. */
        synchronized long take(long wanted) {
            long taken = Math.min(wanted, left);
            left -= taken;
            return taken;
        }

        synchronized void giveBack(long unused) {
            left += unused;
        }

        void release() {
            synchronized (this) {
                left = 0;
            }
            ledger.close(id, 0, false, "released", clock.instant());
        }
    }

    /**
     * What one call first holds: the prompt with a margin (tokenizers differ between providers, the
     * margin keeps it an upper bound) and a first share of the output; and its likely cost, charged if
     * a crash hides the real one.
     */
    private record CallHold(long promptBound, int firstOutput, long reserved, long estimate) {
        /** @param hidden output the call may spend unseen (hidden reasoning): held in full from the start */
        static CallHold of(ModelSpec model, long promptTokens, int maxOutputTokens, int hidden) {
            long promptBound = promptTokens + promptTokens / 8 + 32;
            int firstOutput = (int) Math.min(maxOutputTokens, (long) FIRST_HOLD_OUTPUT_TOKENS + hidden);
            return new CallHold(promptBound, firstOutput, model.price().maxCostMicros(promptBound, firstOutput),
                    model.price().costMicros(Usage.estimated(promptTokens, Math.min(maxOutputTokens,
                            TYPICAL_ANSWER_TOKENS + hidden / 4))));
        }
    }

    private SpendGate.Admission admit(Spender spender, String purpose, ModelSpec model, long promptTokens,
                                      int maxOutputTokens, int hidden) {
        CallHold call = CallHold.of(model, promptTokens, maxOutputTokens, hidden);
        long reserved = call.reserved();
        // Real time, not the budget's clock: this is how long a person waits.
        long giveUp = System.nanoTime() + busyPatience.toNanos();
        int waits = 0;
        while (true) {
            Instant now = clock.instant();
            List<Hold> holds = holdsOf(spender, now, reserved);
            String id = UUID.randomUUID().toString();
            ReserveResult result = ledger.reserve(new NewReservation(id, now, spender.userId(), spender.chatId(),
                    model.id(), purpose, reserved, call.estimate()), holds);
            switch (result) {
                case ReserveResult.Reserved r -> {
                    return new SpendGate.Admission.Granted(new Reservation(id, model, holds, call.promptBound(),
                            call.firstOutput(), reserved, null));
                }
                case ReserveResult.Exceeded e -> {
                    refused(e);
                refused(e);
                    // Only holds of answers in progress are in the way: most of them settle for far
                    // less than they hold, so the question waits for them rather than being refused.
                    boolean busy = e.spentMicros() + reserved <= e.limitMicros();
                    if (!busy || System.nanoTime() - giveUp >= 0) {
                        ScopeState state = stateOf(spender, e.scope());
                        return new SpendGate.Admission.Denied(busy ? BudgetMessages.busy(state)
                                : BudgetMessages.exhausted(state, reserved), busy);
                    }
                    pause(waits++);
                }
            }
        }
    }

    /** Growing pauses: a burst of waiting questions must not keep the one database connection busy. */
    private static void pause(int waits) {
        try {
            Thread.sleep(BUSY_POLL.multipliedBy(1L << Math.min(waits, 3)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ScopeState stateOf(Spender spender, ScopeKey scope) {
        return states(spender).stream().filter(s -> s.scope().equals(scope)).findFirst().orElseThrow();
    }

    /**
     * Closes the reservations a crashed process left open: a call that was sent may have been billed,
     * so its estimate is charged; one never sent is released. Returns how many were closed.
     */
    private void refused(ReserveResult.Exceeded e) {
        metrics.counter("chorus.budget.refusals", "scope", e.scope().kind().name().toLowerCase(java.util.Locale.ROOT))
                .increment();
    }

    public int reconcile() {
        List<OpenReservation> open = ledger.abandoned();
        for (OpenReservation r : open) {
            long charge = r.sent() ? r.estimateMicros() : 0;
            ledger.close(r.id(), charge, r.sent(), "reconciled", clock.instant());
            log.warn("reconciled reservation {} ({}, {}) left open by a stopped process: charged {} micro-dollars",
                    r.id(), r.model(), r.state(), charge);
        }
        return open.size();
    }

    private List<ScopeKey> scopes(Spender spender) {
        List<ScopeKey> scopes = new ArrayList<>();
        if (spender.equals(Spender.BOT)) {
            limitOf(ScopeKey.global()).ifPresent(limit -> scopes.add(ScopeKey.global()));
            return scopes;
        }
        if (spender.inGroup()) {
            scopes.add(ScopeKey.group(spender.chatId()));
            ScopeKey member = ScopeKey.member(spender.userId(), spender.chatId());
            if (limitOf(member).isPresent()) {
                scopes.add(member);
            }
            // A personal budget a bot admin set follows its owner into every group: a group cannot
            // be used to get round it.
            ScopeKey own = ScopeKey.user(spender.userId());
            if (ledger.budget(own).isPresent()) {
                scopes.add(own);
            }
        } else {
            scopes.add(ScopeKey.user(spender.userId()));
        }
        if (limitOf(ScopeKey.global()).isPresent()) {
            scopes.add(ScopeKey.global());
        }
        return scopes;
    }

    /** The scope's own budget if an admin set one, else the config default for its kind. */
    private Optional<Amounts.Limit> limitOf(ScopeKey scope) {
        Optional<BudgetRow> row = ledger.budget(scope);
        if (row.isEmpty() && scope.kind() == ScopeKind.MEMBER) {
            // A cap set for "every member of this group" applies to each member without their own.
            row = ledger.budget(ScopeKey.member(0, scope.groupId()));
        }
        if (row.isPresent()) {
            return Optional.of(new Amounts.Limit(row.get().limitMicros(), row.get().period()));
        }
        return switch (scope.kind()) {
            case USER -> Optional.of(settings.user());
            case GROUP -> Optional.of(settings.group());
            case MEMBER -> settings.memberCap();
            case GLOBAL -> settings.global();
        };
    }

    private String periodStart(Period period) {
        return period.start(clock.instant(), settings.zone()).toInstant().toString();
    }

    /**
     * Money held for one call: extending it holds more as a long answer streams; settling it releases
     * the holds, charges the cost and checks the alerts. A cost above what was held means the provider
     * billed more than it was allowed to produce: it is charged all the same (it was spent), and the
     * admins hear of it once per model.
     */
    private final class Reservation implements SpendGate.Spend {
        private final String id;
        private final ModelSpec model;
        private final List<Hold> holds;
        private final long promptBound;
        private int outputTokens;
        private long heldMicros;
        private int extensions;
        /** The run this call belongs to, whose hold pays for its extensions first; null for a single call. */
        private final RunPool run;

        Reservation(String id, ModelSpec model, List<Hold> holds, long promptBound, int outputTokens, long heldMicros,
                    RunPool run) {
            this.id = id;
            this.run = run;
            this.model = model;
            this.holds = holds;
            this.promptBound = promptBound;
            this.outputTokens = outputTokens;
            this.heldMicros = heldMicros;
        }

        @Override
        public void sent() {
            ledger.markSent(id);
        }

        @Override
        public synchronized int outputTokens() {
            return outputTokens;
        }

        @Override
        public synchronized boolean extendTo(int wanted) {
            if (wanted <= outputTokens) {
                return true;
            }
            long total = model.price().maxCostMicros(promptBound, wanted);
            long extra = total - heldMicros;
            if (extra > 0 && !extendBy(extra)) {
                return false;
            }
            heldMicros = Math.max(total, heldMicros);
            outputTokens = wanted;
            return true;
        }

        private boolean extendBy(long extra) {
            if (run == null) {
                return ledger.extend(id, extra, holds, ++extensions, clock.instant());
            }
            long fromRun = run.take(extra);
            if (ledger.extendFromPool(id, extra, holds, ++extensions, clock.instant(), run.id, fromRun)) {
                return true;
            }
            run.giveBack(fromRun);
            return false;
        }

        @Override
        public void settle(long costMicros, boolean estimated) {
            long held;
            synchronized (this) {
                held = heldMicros;
            }
            BudgetLedger.Closed closed = ledger.settle(id, costMicros, estimated,
                    costMicros > 0 ? "settled" : "released", clock.instant());
            if (closed.changed() && costMicros > 0) {
                for (Hold hold : holds) {
                    metrics.counter("chorus.budget.spent_micros", "scope", hold.scope().kind().name()
                            .toLowerCase(java.util.Locale.ROOT)).increment(costMicros);
                }
                if (costMicros > held) {
                    metrics.counter("chorus.budget.overruns", "model", model.id()).increment();
                    alerts.overrun(model.id(), costMicros, held);
                }
                holds.forEach(hold -> alerts.check(hold, closed.spentAfter().getOrDefault(hold.scope(), 0L)));
            }
        }
    }
}
