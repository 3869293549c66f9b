package dev.chorus.provider.reasoning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.budget.BudgetAlerts;
import dev.chorus.budget.BudgetService;
import dev.chorus.budget.Spender;
import dev.chorus.config.BudgetSettings;
import dev.chorus.config.ResilienceSettings;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.ChatRequest;
import dev.chorus.provider.Effort;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.ReasoningRequest;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.Reasoning;
import dev.chorus.provider.catalog.WireProtocol;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.ProviderGuard;
import dev.chorus.provider.resilience.ProviderMetrics;
import dev.chorus.provider.resilience.SpendGate;
import dev.chorus.store.BudgetLedger;
import dev.chorus.store.Database;
import dev.chorus.store.JdbiDirectory;
import dev.chorus.testing.ScriptedChatClient;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reasoning model's thinking is paid for before it happens: the hold covers the hidden budget,
 * the settled cost counts the reasoning tokens, and where the budget cannot hold the full budget the
 * model is asked to think less, and passed over only when even low effort does not fit.
 */
class ReasoningBudgetTest {
    // $2 in, $8 out per million: 8,192 hidden tokens are 6.6 cents of output
    static final ModelSpec THINKER = new ModelSpec("thinker", "p", WireProtocol.OPENAI_CHAT, "thinker-1", 200_000,
            100_000, new ModelPrice(new BigDecimal("2"), null, new BigDecimal("8"), null), Map.of(Domain.MATH, 0.9),
            LatencyClass.SLOW, false, new Reasoning(ReasoningRequest.Style.EFFORT, Effort.MEDIUM));

    @TempDir
    Path dir;

    private final List<ChatRequest> sent = new ArrayList<>();
    private final ScriptedChatClient client = new ScriptedChatClient(request -> {
        sent.add(request);
        return new ChatOutcome.Completed("5 cents.", new Usage(40, 0, 1_300, 1_204, false), "thinker-1",
                FinishReason.STOP);
    });
    private final FallbackChain chain = new FallbackChain(m -> new ProviderGuard("p", client,
            ResilienceSettings.DEFAULTS, Clock.systemUTC(), wait -> { }, new ProviderMetrics()),
            FallbackChain.FailureObserver.LOG_ONLY);

    @Test
    void theHoldCoversTheHiddenBudgetAndTheLedgerTheReasoningTokens() {
        try (Database db = Database.open(dir.resolve("b.db"))) {
            BudgetService budgets = budgets(db, "1.00/day");
            List<Long> held = new ArrayList<>();
            SpendGate gate = budgets.gate(Spender.privately(7), "answer");
            SpendGate watching = new SpendGate() {
                @Override
                public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens) {
                    return gate.admit(model, promptTokens, maxOutputTokens);
                }

                @Override
                public Admission admit(ModelSpec model, long promptTokens, int maxOutputTokens, int hidden) {
                    held.add((long) hidden);
                    Admission admission = gate.admit(model, promptTokens, maxOutputTokens, hidden);
                    held.add(db.jdbi().withHandle(h -> h.createQuery(
                            "SELECT reserved_micros FROM reservations ORDER BY created_at DESC LIMIT 1").mapTo(Long.class)
                            .one()));
                    return admission;
                }
            };
            ChainResult result = chain.run(List.of(THINKER), List.of(ChatMessage.user("What does the ball cost?")),
                    1_024, 0.2, watching, delta -> { }, dev.chorus.provider.resilience.Deadline.NONE, null);

            assertThat(result.answeredBy()).contains(THINKER);
            ChatRequest request = sent.getFirst();
            assertThat(request.reasoning().effort()).isEqualTo(Effort.MEDIUM);
            assertThat(request.reasoning().budgetTokens()).isEqualTo(Reasoning.budget(Effort.MEDIUM));
            assertThat(request.maxTokens()).isEqualTo(1_024 + 8_192);
            assertThat(request.temperature()).as("reasoning models refuse a temperature").isNull();
            assertThat(held.get(0)).isEqualTo(8_192);
            // the first hold: the prompt bound and 512 visible tokens plus all 8,192 hidden ones at $8/M
            assertThat(held.get(1)).isGreaterThanOrEqualTo(THINKER.price().maxCostMicros(0, 512 + 8_192));
            long charged = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT SUM(amount_micros) FROM ledger WHERE kind = 'charge' AND scope_kind = 'user'")
                    .mapTo(Long.class).one());
            assertThat(charged).isEqualTo(THINKER.price().costMicros(new Usage(40, 0, 1_300, 1_204, false)));
        }
    }

    @Test
    void aBudgetTooSmallForTheFullThinkingGetsLessEffortAndTooSmallForAnyPassesTheModelOver() {
        try (Database db = Database.open(dir.resolve("c.db"))) {
            // 3 cents: medium's 8,192 hidden tokens (6.6 cents) do not fit, low's 2,048 (1.6 cents) do
            BudgetService budgets = budgets(db, "0.03/day");
            ChainResult result = chain.run(List.of(THINKER), List.of(ChatMessage.user("What does the ball cost?")),
                    1_024, null, budgets.gate(Spender.privately(8), "answer"), delta -> { },
                    dev.chorus.provider.resilience.Deadline.NONE, Effort.MEDIUM);
            assertThat(result.answeredBy()).contains(THINKER);
            assertThat(sent.getFirst().reasoning().effort()).isEqualTo(Effort.LOW);

            sent.clear();
            BudgetService poor = budgets(db, "0.005/day");
            ChainResult none = chain.run(List.of(THINKER), List.of(ChatMessage.user("And the bat?")), 1_024, null,
                    poor.gate(Spender.privately(9), "answer"), delta -> { }, dev.chorus.provider.resilience.Deadline.NONE,
                    Effort.HIGH);
            assertThat(none.answeredBy()).isEmpty();
            assertThat(sent).as("never called: no overspend").isEmpty();
            assertThat(none.attempts()).singleElement().satisfies(a -> assertThat(a.deniedBySpendGate()).isTrue());
        }
    }

    private static BudgetService budgets(Database db, String perUser) {
        BudgetLedger ledger = new BudgetLedger(db);
        BudgetSettings settings = new BudgetSettings(dev.chorus.config.Amounts.limit(perUser),
                dev.chorus.config.Amounts.limit("5/day"), java.util.Optional.empty(), java.util.Optional.empty(), false,
                java.time.ZoneId.of("UTC"));
        return new BudgetService(ledger, settings, java.util.Set.of(), Clock.systemUTC(),
                new BudgetAlerts(ledger, new JdbiDirectory(db, Clock.systemUTC()), Clock.systemUTC(), text -> { }));
    }
}
