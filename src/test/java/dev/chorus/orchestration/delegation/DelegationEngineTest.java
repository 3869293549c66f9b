package dev.chorus.orchestration.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.orchestration.analysis.Needs;
import dev.chorus.orchestration.analysis.PrivateData;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelCatalog;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DelegationEngineTest {
    static final ModelSpec NANO = model("nano", "0.10", "0.40", 0.55, 16_000, LatencyClass.FAST, false);
    static final ModelSpec MINI = model("mini", "0.40", "1.60", 0.75, 128_000, LatencyClass.FAST, false);
    static final ModelSpec BIG = model("big", "3.00", "15.00", 0.92, 200_000, LatencyClass.MEDIUM, false);
    static final ModelSpec LOCAL = model("local", "0", "0", 0.40, 32_000, LatencyClass.SLOW, true);
    static final List<ModelSpec> FLEET = List.of(BIG, MINI, NANO);

    final DelegationEngine engine = new DelegationEngine(QualityModel.PRIOR);

    @Test
    void easyQuestionGoesToTheCheapestAdequateModel() {
        Decision d = routed(engine.route(profile(Domain.FACTUAL, 0.1, 50), FLEET, Preferences.DEFAULT, Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(NANO);
        assertThat(d.reason()).startsWith("factual, complexity 0.10: cheapest model expected to do well enough (0.50 needed, it has 0.55)");
        assertThat(d.fallbacks()).containsExactly(MINI, BIG);
    }

    @Test
    void aHarderQuestionLowersWhatIsExpectedOfEveryModelAndMostOfTheWeakest() {
        Decision easy = routed(engine.route(profile(Domain.CODE, 0.1, 200), FLEET, Preferences.DEFAULT, Long.MAX_VALUE, false));
        Decision d = routed(engine.route(profile(Domain.CODE, 0.5, 200), FLEET, Preferences.DEFAULT, Long.MAX_VALUE, false));
        assertThat(d.bar()).isEqualTo(0.5);
        assertThat(easy.chosen()).isEqualTo(NANO);
        assertThat(d.chosen()).isEqualTo(MINI);
        double nanoLoss = quality(easy, NANO) - quality(d, NANO);
        double bigLoss = quality(easy, BIG) - quality(d, BIG);
        assertThat(nanoLoss).isPositive().isGreaterThan(bigLoss);
        assertThat(bigLoss).isPositive();
    }

    @Test
    void cheapModeNeverPicksADearerModelWhenACheaperCapableOneExists() {
        for (double complexity = 0; complexity <= 1.0001; complexity += 0.05) {
            TaskProfile p = profile(Domain.CODE, Math.min(1, complexity), 300);
            // escalation allowed, as by default: cheap mode must not escalate either
            Decision d = routed(engine.route(p, FLEET, new Preferences(Mode.CHEAP, Optional.empty(), true),
                    Long.MAX_VALUE, false));
            double bar = DelegationEngine.bar(Mode.CHEAP);
            for (Candidate c : d.candidates()) {
                if (c.eligible() && c.quality() >= bar) {
                    assertThat(d.chosen().price().outputPerMillion()).as("complexity %.2f", p.complexity())
                            .isLessThanOrEqualTo(c.model().price().outputPerMillion());
                }
            }
        }
    }

    @Test
    void qualityModePicksTheStrongest() {
        Decision d = routed(engine.route(profile(Domain.CHAT, 0.0, 10), FLEET,
                new Preferences(Mode.QUALITY, Optional.empty(), true), Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(BIG);
    }

    @Test
    void privateDataStaysLocalWhenALocalModelExists() {
        TaskProfile p = withPrivate(profile(Domain.WRITING, 0.3, 100));
        Decision d = routed(engine.route(p, List.of(BIG, MINI, LOCAL), Preferences.DEFAULT, Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(LOCAL);
        assertThat(d.fallbacks()).isEmpty();
    }

    @Test
    void privateDataWithoutALocalModelAsksForConsentAndNeverRoutesOut() {
        TaskProfile p = withPrivate(profile(Domain.WRITING, 0.3, 100));
        Routing routing = engine.route(p, FLEET, Preferences.DEFAULT, Long.MAX_VALUE, false);
        assertThat(routing).isInstanceOfSatisfying(Routing.NeedsConsent.class, c -> {
            assertThat(c.privateData().english()).isEqualTo("email");
            assertThat(c.cloud().chosen().local()).isFalse();
        });
    }

    @Test
    void localModeWithoutALocalModelSaysSo() {
        Routing routing = engine.route(profile(Domain.CHAT, 0.1, 10), FLEET,
                new Preferences(Mode.LOCAL, Optional.empty(), true), Long.MAX_VALUE, false);
        assertThat(routing).isInstanceOfSatisfying(Routing.NoModel.class,
                n -> assertThat(n.reason()).contains("No local model"));
    }

    @Test
    void longConversationNeverGoesToAModelWhoseWindowIsTooSmall() {
        Decision d = routed(engine.route(profile(Domain.SUMMARIZATION, 0.1, 20_000), FLEET, Preferences.DEFAULT,
                Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(MINI);
        assertThat(d.order()).doesNotContain(NANO);
        assertThat(d.candidates()).filteredOn(c -> c.model() == NANO).singleElement()
                .satisfies(c -> assertThat(c.rejected()).isEqualTo("context window too small"));
    }

    @Test
    void pinnedModelIsHonoured() {
        Decision d = routed(engine.route(profile(Domain.CHAT, 0.0, 10), FLEET,
                new Preferences(Mode.BALANCED, Optional.of("big"), true), Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(BIG);
        assertThat(d.reason()).isEqualTo("pinned with /model");
    }

    @Test
    void aPinThatCannotTakeTheQuestionIsSetAsideAndTheReasonSaysWhy() {
        Decision d = routed(engine.route(profile(Domain.CHAT, 0.0, 30_000), FLEET,
                new Preferences(Mode.BALANCED, Optional.of("nano"), true), Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(MINI);
        assertThat(d.reason()).startsWith("pinned nano set aside (context window too small); chat, complexity 0.00");
    }

    @Test
    void hardQuestionEscalatesWhenTheGainIsWorthIt() {
        TaskProfile hard = profile(Domain.CODE, 0.75, 300);
        // the bar is 0.79: mid (0.80) clears it, and big (0.92) is a gain worth its price
        ModelSpec mid = model("mid", "1.00", "4.00", 0.80, 128_000, LatencyClass.MEDIUM, false);
        List<ModelSpec> fleet = List.of(BIG, mid, NANO);
        Decision escalated = routed(engine.route(hard, fleet, Preferences.DEFAULT, Long.MAX_VALUE, false));
        assertThat(escalated.chosen()).isEqualTo(BIG);
        assertThat(escalated.escalated()).isTrue();
        assertThat(escalated.reason()).startsWith("hard question (0.75): escalated from mid (0.53) to the stronger big (0.81)");

        Decision noEscalation = routed(engine.route(hard, fleet, new Preferences(Mode.BALANCED, Optional.empty(), false),
                Long.MAX_VALUE, false));
        assertThat(noEscalation.chosen()).isEqualTo(mid);
        assertThat(noEscalation.escalated()).isFalse();

        Decision cheap = routed(engine.route(hard, fleet, new Preferences(Mode.CHEAP, Optional.empty(), true),
                Long.MAX_VALUE, false));
        assertThat(cheap.escalated()).as("cheap mode pays for no more than is needed").isFalse();
        assertThat(cheap.chosen()).isEqualTo(mid);
    }

    @Test
    void aSmallGainDoesNotJustifyAModelThirtyTimesThePrice() {
        ModelSpec adequate = model("adequate", "0.30", "0.50", 0.78, 128_000, LatencyClass.FAST, false);
        ModelSpec luxury = model("luxury", "15.00", "75.00", 0.88, 200_000, LatencyClass.SLOW, false);
        Decision d = routed(engine.route(profile(Domain.MATH, 0.72, 20), List.of(adequate, luxury),
                Preferences.DEFAULT, Long.MAX_VALUE, false));
        assertThat(d.chosen()).isEqualTo(adequate);
        assertThat(d.escalated()).isFalse();
    }

    @Test
    void fastModeTakesAFastModelWhenOneIsGoodEnoughAndOtherwiseTheCheapestGoodEnough() {
        ModelSpec mid = model("mid", "1.00", "4.00", 0.85, 128_000, LatencyClass.MEDIUM, false);
        ModelSpec slowest = model("slowest", "15.00", "75.00", 0.95, 200_000, LatencyClass.SLOW, false);
        List<ModelSpec> fleet = List.of(slowest, mid, MINI, NANO);
        Preferences fast = new Preferences(Mode.FAST, Optional.empty(), false);

        Decision easy = routed(engine.route(profile(Domain.CODE, 0.5, 200), fleet, fast, Long.MAX_VALUE, false));
        assertThat(easy.chosen()).isEqualTo(MINI);
        assertThat(easy.reason()).contains("cheapest fast model");

        Decision hard = routed(engine.route(profile(Domain.CODE, 0.8, 200), fleet, fast, Long.MAX_VALUE, false));
        assertThat(hard.chosen()).as("no fast model clears 0.81: not the strongest, the cheapest that does").isEqualTo(mid);
        assertThat(hard.reason()).contains("cheapest model expected to do well enough").doesNotContain("fast");
    }

    @Test
    void fastModeEscalatesOnlyToAFastModel() {
        ModelSpec quick = model("quick", "0.40", "1.60", 0.80, 128_000, LatencyClass.FAST, false);
        ModelSpec quicker = model("quicker", "1.00", "4.00", 0.95, 128_000, LatencyClass.FAST, false);
        ModelSpec slowest = model("slowest", "1.20", "5.00", 0.99, 200_000, LatencyClass.SLOW, false);
        TaskProfile hard = profile(Domain.CODE, 0.75, 300);
        Decision d = routed(engine.route(hard, List.of(slowest, quicker, quick),
                new Preferences(Mode.FAST, Optional.empty(), true), Long.MAX_VALUE, false));
        assertThat(d.escalated()).isTrue();
        assertThat(d.chosen()).isEqualTo(quicker);
    }

    @Test
    void nearTheBudgetLimitDearModelsAreLeftOut() {
        TaskProfile p = profile(Domain.CODE, 0.9, 500);
        long bigCost = routed(engine.route(p, FLEET, Preferences.DEFAULT, Long.MAX_VALUE, false)).candidates().stream()
                .filter(c -> c.model() == BIG).findFirst().orElseThrow().estimatedCostMicros();
        Decision d = routed(engine.route(p, FLEET, Preferences.DEFAULT, bigCost - 1, false));
        assertThat(d.chosen()).isNotEqualTo(BIG);
        assertThat(d.order()).doesNotContain(BIG);
    }

    @Test
    void noEstimateAssumesAnAnswerLongerThanTheBotAllows() {
        TaskProfile hard = profile(Domain.CODE, 1.0, 500);
        long uncapped = routed(engine.route(hard, List.of(BIG), Preferences.DEFAULT, Long.MAX_VALUE, false))
                .candidates().getFirst().estimatedCostMicros();
        long capped = routed(new DelegationEngine(QualityModel.PRIOR, 1024).route(hard, List.of(BIG),
                Preferences.DEFAULT, Long.MAX_VALUE, false)).candidates().getFirst().estimatedCostMicros();
        // 500 × $3 + 2100 × $15 per million, against 500 × $3 + 1024 × $15
        assertThat(uncapped).isEqualTo(33_000);
        assertThat(capped).isEqualTo(16_860);
    }

    @Test
    void everyModelOverBudgetStillRoutesToTheCheapestSoTheBudgetCanExplain() {
        Decision d = routed(engine.route(profile(Domain.CHAT, 0.2, 50), FLEET, Preferences.DEFAULT, 0, false));
        assertThat(d.chosen()).isEqualTo(NANO);
        assertThat(d.reason()).contains("budget");
    }

    @Test
    void builtInCatalogRoutesEasyChatCheaplyAndHardCodeStrongly() {
        List<ModelSpec> cloud = ModelCatalog.builtIn().all().stream().filter(m -> !m.local()).toList();
        Decision easy = routed(engine.route(profile(Domain.CHAT, 0.05, 20), cloud, Preferences.DEFAULT,
                Long.MAX_VALUE, false));
        Decision hard = routed(engine.route(profile(Domain.CODE, 0.95, 800), cloud, Preferences.DEFAULT,
                Long.MAX_VALUE, false));
        assertThat(easy.chosen().price().outputPerMillion()).isLessThanOrEqualTo(new BigDecimal("0.60"));
        assertThat(hard.chosen().capability(Domain.CODE)).isGreaterThanOrEqualTo(0.9);
    }

    private static Decision routed(Routing routing) {
        assertThat(routing).isInstanceOf(Routing.Routed.class);
        return ((Routing.Routed) routing).decision();
    }

    static TaskProfile profile(Domain domain, double complexity, long tokens) {
        return new TaskProfile(domain, complexity, new Needs(tokens, tokens > Needs.LONG_CONTEXT_TOKENS, List.of(),
                false, false), "en", 0.9, TaskProfile.Source.DETERMINISTIC);
    }

    static TaskProfile withPrivate(TaskProfile p) {
        return new TaskProfile(p.domain(), p.complexity(), new Needs(p.needs().promptTokens(), false,
                List.of(PrivateData.EMAIL), false, false), p.language(), p.confidence(), p.source());
    }

    static ModelSpec model(String id, String in, String out, double score, int context, LatencyClass latency,
                           boolean local) {
        Map<Domain, Double> scores = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            scores.put(d, score);
        }
        return new ModelSpec(id, local ? "ollama" : "p", WireProtocol.OPENAI_CHAT, null, context, 8192,
                new ModelPrice(new BigDecimal(in), null, new BigDecimal(out), null), scores, latency, local);
    }

    private static double quality(Decision d, ModelSpec model) {
        return d.candidates().stream().filter(c -> c.model().equals(model)).findFirst().orElseThrow().quality();
    }
}
