package dev.chorus.orchestration.delegation;

import dev.chorus.i18n.Phrase;

import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.provider.Usage;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.Reasoning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sends each question to the cheapest model that is good enough for it. The {@link QualityModel}
 * gives one number per model, the expected quality of its answer to this question (the prior from the
 * catalog and the question's difficulty, plus what ratings of similar questions taught); "good
 * enough" is that number clearing the mode's bar. Models whose context window, privacy or the budget rule them out are never chosen.
 * Plain Java and allocation-light: it runs for every question. Thread-safe.
 */
public final class DelegationEngine {
    /** Complexity above which a question may be escalated to a stronger model (the design's rule). */
    public static final double ESCALATION_COMPLEXITY = 0.7;
    /** The cost-benefit score above which escalation is worth it. */
    public static final double ESCALATION_COST_BENEFIT = 0.6;
    // A quality gain of this size is worth escalating for on its own; smaller gains count less.
    private static final double FULL_GAIN = 0.15;

    private final QualityModel quality;
    private final int maxAnswerTokens;
    private final boolean explores;

    public DelegationEngine(QualityModel quality) {
        this(quality, Integer.MAX_VALUE);
    }

    /** @param maxAnswerTokens the bot's cap on an answer's length: no estimate assumes a longer one */
    public DelegationEngine(QualityModel quality, int maxAnswerTokens) {
        this(quality, maxAnswerTokens, false);
    }

    /** @param explores whether a cheaper, little-rated model is tried now and then (the bot: yes; route: no, it measures) */
    public DelegationEngine(QualityModel quality, int maxAnswerTokens, boolean explores) {
        this.quality = quality;
        this.maxAnswerTokens = maxAnswerTokens;
        this.explores = explores;
    }

    /**
     * @param models the models that can be called with this config
     * @param headroomMicros what the tightest budget still allows, or {@link Long#MAX_VALUE}
     * @param localOnly the chat asked that nothing leaves the machine
     */
    public Routing route(TaskProfile profile, List<ModelSpec> models, Preferences prefs, long headroomMicros,
                         boolean localOnly) {
        return route(profile, "", models, prefs, headroomMicros, localOnly);
    }

    /** As above, for the text of the question: what a learning quality model compares with rated questions. */
    public Routing route(TaskProfile profile, String question, List<ModelSpec> models, Preferences prefs,
                         long headroomMicros, boolean localOnly) {
        QualityModel.Assessment assessment = quality.assess(profile, question);
        boolean privateData = !profile.needs().privateData().isEmpty();
        boolean mustStayLocal = privateData || localOnly || prefs.mode() == Mode.LOCAL;
        List<Candidate> local = mustStayLocal ? candidates(profile, assessment, models, headroomMicros, true) : List.of();
        if (mustStayLocal && local.stream().noneMatch(Candidate::eligible)) {
            if (privateData && !localOnly && prefs.mode() != Mode.LOCAL) {
                Routing cloud = route(profile, question, assessment, models, prefs, headroomMicros, false);
                if (cloud instanceof Routing.Routed routed) {
                    return new Routing.NeedsConsent(describe(profile), routed.decision());
                }
                return cloud;
            }
            return new Routing.NoModel(Phrase.of("route.no_local"), local);
        }
        return route(profile, question, assessment, models, prefs, headroomMicros, mustStayLocal);
    }

    private Routing route(TaskProfile profile, String question, QualityModel.Assessment assessment,
                          List<ModelSpec> models, Preferences prefs, long headroom, boolean localOnly) {
        List<Candidate> all = candidates(profile, assessment, models, headroom, localOnly);
        List<Candidate> eligible = all.stream().filter(Candidate::eligible).toList();
        if (eligible.isEmpty()) {
            // Only the budget stands in the way: route to the cheapest and let the budget say no, with
            // the reset time, rather than a vague "no model".
            Optional<Candidate> cheapest = all.stream().filter(c -> OVER_BUDGET.equals(c.rejection()))
                    .min(Comparator.comparingLong(Candidate::estimatedCostMicros));
            if (cheapest.isPresent()) {
                return new Routing.Routed(new Decision(cheapest.get().model(), List.of(),
                        Phrase.of("route.all_over_budget"), 0, all, false));
            }
            return new Routing.NoModel(Phrase.of("route.none", why(all)), all);
        }
        double bar = bar(prefs.mode());
        Candidate chosen = choose(prefs, eligible, bar);
        Phrase reason;
        boolean escalated = false;
        Optional<Candidate> pinned = prefs.pinnedModel().flatMap(id -> eligible.stream()
                .filter(c -> c.model().id().equals(id)).findFirst());
        if (pinned.isPresent()) {
            chosen = pinned.get();
            reason = Phrase.of("route.pinned");
        } else {
            // fast mode escalates only among fast models: a slow answer is what the asker ruled out
            Candidate best = strongest(prefs.mode() == Mode.FAST && chosen.model().latency() == LatencyClass.FAST
                    ? fastOnly(eligible) : eligible);
            // cheap mode is a promise not to pay for more than is needed; quality mode already has the best
            if (prefs.allowEscalation() && prefs.mode() != Mode.QUALITY && prefs.mode() != Mode.CHEAP && best != chosen
                    && profile.complexity() > ESCALATION_COMPLEXITY
                    && costBenefit(chosen, best, headroom) > ESCALATION_COST_BENEFIT) {
                reason = Phrase.of("route.escalated", score(profile.complexity()), chosen.model().id(),
                        score(chosen.quality()), best.model().id(), score(best.quality()));
                chosen = best;
                escalated = true;
            } else {
                reason = reason(prefs.mode(), profile, chosen, bar);
                Optional<Candidate> trial = explore(prefs.mode(), question, assessment, eligible, chosen, bar);
                if (trial.isPresent()) {
                    reason = Phrase.of("route.exploring", task(profile), trial.get().model().id(),
                            score(trial.get().quality()), chosen.model().id(), score(chosen.quality()));
                    chosen = trial.get();
                }
            }
            // a pin that cannot take this question is set aside for it, and the asker is told why
            String pin = prefs.pinnedModel().orElse(null);
            if (pin != null) {
                Phrase why = all.stream().filter(c -> c.model().id().equals(pin)).map(Candidate::rejection)
                        .filter(java.util.Objects::nonNull).findFirst().orElse(Phrase.of("reject.not_available"));
                reason = Phrase.of("route.pin_set_aside", pin, why, reason);
            }
        }
        return new Routing.Routed(new Decision(chosen.model(), fallbacks(eligible, chosen, bar), reason, bar, all,
                escalated));
    }

    static final Phrase OVER_BUDGET = Phrase.of("reject.over_budget");

    /** How much better a model must be expected to do to count as the better model to ask again. */
    static final double CLEARLY_BETTER = 0.05;

    /**
     * The decision for asking again because {@code first}'s answer was not good enough: the cheapest
     * model that can take the question and is expected to do clearly better, or else the one expected
     * to do best; empty when no model is expected to do better than {@code first}.
     */
    public static Optional<Decision> betterThan(Decision decision, String first) {
        double firstQuality = decision.candidates().stream().filter(c -> c.model().id().equals(first))
                .mapToDouble(Candidate::quality).findFirst().orElse(0);
        List<Candidate> better = decision.candidates().stream()
                .filter(c -> c.eligible() && !c.model().id().equals(first) && c.quality() > firstQuality).toList();
        if (better.isEmpty()) {
            return Optional.empty();
        }
        Candidate chosen = better.stream().filter(c -> c.quality() >= firstQuality + CLEARLY_BETTER)
                .min(Comparator.comparingLong(Candidate::estimatedCostMicros).thenComparing(c -> -c.quality()))
                .orElseGet(() -> strongest(better));
        List<ModelSpec> fallbacks = better.stream().filter(c -> c != chosen)
                .sorted(Comparator.comparingDouble(Candidate::quality).reversed()).map(Candidate::model).toList();
        Phrase reason = Phrase.of("route.better", first, chosen.model().id(), score(chosen.quality()), score(firstQuality));
        return Optional.of(new Decision(chosen.model(), fallbacks, reason, decision.bar(), decision.candidates(), false));
    }

    /**
     * Now and then a cheaper model that little is known about gets the question, or the router would
     * never learn that it is good enough where the prior doubts it. Only cheaper than the safe choice
     * (never beyond the budget or what the mode would pay), only a model that could plausibly clear
     * the bar, never in quality or local mode, and decided by the question's text, not by chance, so
     * the same question is routed the same way after a restart.
     */
    private Optional<Candidate> explore(Mode mode, String question, QualityModel.Assessment assessment,
                                        List<Candidate> eligible, Candidate chosen, double bar) {
        if (!explores || mode == Mode.QUALITY || mode == Mode.LOCAL || question.isEmpty()) {
            return Optional.empty();
        }
        return eligible.stream()
                .filter(c -> c.estimatedCostMicros() < chosen.estimatedCostMicros())
                .filter(c -> {
                    // the less is known, the further below the bar a model may be expected and still be tried
                    double unknown = Math.max(0, 1 - assessment.evidence(c.model()) / EXPLORATION_EVIDENCE);
                    return c.quality() < bar && c.quality() + EXPLORATION_OPTIMISM * unknown >= bar
                            && Math.floorMod((question + '\u0000' + c.model().id()).hashCode(), 1000)
                            < EXPLORATION_PER_MILLE * unknown;
                })
                .min(Comparator.comparingLong(Candidate::estimatedCostMicros));
    }

    /** How far below the bar a model nothing is known of may be expected and still be tried. */
    static final double EXPLORATION_OPTIMISM = 0.35;
    /** Once this many similar ratings of a model are in, it is no longer tried; fewer, and it is tried less often. */
    static final double EXPLORATION_EVIDENCE = 10;
    /** The share of questions on which a cheaper model nothing is known of is tried: 15%, falling as ratings come in. */
    static final int EXPLORATION_PER_MILLE = 150;

    private List<Candidate> candidates(TaskProfile profile, QualityModel.Assessment assessment, List<ModelSpec> models,
                                       long headroom, boolean localOnly) {
        long promptTokens = profile.needs().promptTokens();
        int expectedOutput = expectedAnswerTokens(profile);
        List<Candidate> candidates = new ArrayList<>(models.size());
        for (ModelSpec model : models) {
            // a reasoning model's thinking is billed output too: its typical share at the model's usual effort
            int thinking = model.reasoning().reasons() ? Reasoning.typical(model.reasoning().defaultEffort()) : 0;
            int output = Math.min(expectedOutput + thinking, model.maxOutput());
            long cost = model.price().costMicros(Usage.estimated(promptTokens, output));
            Phrase rejected = null;
            if (promptTokens + output > model.contextWindow()) {
                rejected = Phrase.of("reject.context");
            } else if (localOnly && !model.local()) {
                rejected = Phrase.of("reject.not_local");
            } else if (cost > headroom) {
                rejected = OVER_BUDGET;
            }
            candidates.add(new Candidate(model, assessment.expected(model), cost, rejected));
        }
        return candidates;
    }

    /**
     * The expected quality a model must reach to be good enough. The question's difficulty is already
     * in the expected quality, so the bar is the mode's alone: an even chance of a good answer, and in
     * cheap mode less (what a cheap model often gets right is worth its price there).
     */
    static double bar(Mode mode) {
        return switch (mode) {
            case CHEAP -> 0.35;
            case BALANCED, QUALITY, FAST, LOCAL -> 0.5;
        };
    }

    private static Candidate choose(Preferences prefs, List<Candidate> eligible, double bar) {
        if (prefs.mode() == Mode.QUALITY || prefs.mode() == Mode.LOCAL) {
            return strongest(eligible);
        }
        if (prefs.mode() == Mode.FAST) {
            // a fast model if one is good enough; otherwise the cheapest good enough, which is rarely the slowest
            Optional<Candidate> fast = cheapestClearing(fastOnly(eligible), bar);
            if (fast.isPresent()) {
                return fast.get();
            }
        }
        return cheapestClearing(eligible, bar).orElseGet(() -> strongest(eligible));
    }

    private static List<Candidate> fastOnly(List<Candidate> candidates) {
        return candidates.stream().filter(c -> c.model().latency() == LatencyClass.FAST).toList();
    }

    private static Optional<Candidate> cheapestClearing(List<Candidate> pool, double bar) {
        return pool.stream().filter(c -> c.quality() >= bar)
                .min(Comparator.comparingLong(Candidate::estimatedCostMicros).thenComparing(c -> -c.quality()));
    }

    private static Candidate strongest(List<Candidate> eligible) {
        return eligible.stream().max(Comparator.comparingDouble(Candidate::quality)
                .thenComparing(Comparator.comparingLong(Candidate::estimatedCostMicros).reversed())).orElseThrow();
    }

    /**
     * How worthwhile the stronger model is: its quality gain (a gain of {@link #FULL_GAIN} counts fully)
     * times how affordable the extra cost is. Affordable means both cheap against a tenth of the
     * remaining budget and not many times dearer than the adequate model: each tenfold price counts
     * a third against it, so a small gain never justifies a model thirty times the price.
     */
    static double costBenefit(Candidate chosen, Candidate best, long headroom) {
        double benefit = Math.min(1, Math.max(0, (best.quality() - chosen.quality()) / FULL_GAIN));
        double ratio = (double) Math.max(1, best.estimatedCostMicros()) / Math.max(1, chosen.estimatedCostMicros());
        double affordability = Math.min(1, Math.max(0, 1 - Math.log10(Math.max(1, ratio)) / 3));
        if (headroom != Long.MAX_VALUE) {
            long extra = best.estimatedCostMicros() - chosen.estimatedCostMicros();
            affordability = Math.min(affordability,
                    Math.min(1, Math.max(0, 1 - extra / (0.1 * Math.max(1, headroom)))));
        }
        return benefit * affordability;
    }

    private static List<ModelSpec> fallbacks(List<Candidate> eligible, Candidate chosen, double bar) {
        // the good-enough ones cheapest first, then the rest strongest first
        Comparator<Candidate> order = (a, b) -> {
            boolean aEnough = a.quality() >= bar;
            boolean bEnough = b.quality() >= bar;
            if (aEnough != bEnough) {
                return aEnough ? -1 : 1;
            }
            int byCost = aEnough ? Long.compare(a.estimatedCostMicros(), b.estimatedCostMicros()) : 0;
            return byCost != 0 ? byCost : Double.compare(b.quality(), a.quality());
        };
        return eligible.stream().filter(c -> c != chosen).sorted(order).map(Candidate::model).toList();
    }

    /** The answer length this engine prices a question at: the typical length, within the bot's cap. */
    public int expectedAnswerTokens(TaskProfile profile) {
        return Math.min(expectedOutputTokens(profile), maxAnswerTokens);
    }

    /** Typical answer length: longer for harder questions, and for code and writing. */
    static int expectedOutputTokens(TaskProfile profile) {
        double base = 200 + 1200 * profile.complexity();
        Domain d = profile.domain();
        if (d == Domain.CODE || d == Domain.WRITING || d == Domain.CREATIVE) {
            base *= 1.5;
        }
        return (int) base;
    }

    private static Phrase reason(Mode mode, TaskProfile profile, Candidate chosen, double bar) {
        Phrase task = task(profile);
        return switch (mode) {
            case QUALITY -> Phrase.of("route.quality", task);
            case LOCAL -> Phrase.of("route.local", task);
            case CHEAP, BALANCED, FAST -> chosen.quality() >= bar
                    ? Phrase.of(mode == Mode.FAST && chosen.model().latency() == LatencyClass.FAST ? "route.cheapest_fast"
                    : "route.cheapest", task, score(bar), score(chosen.quality()))
                    : Phrase.of("route.none_reaches", task, score(bar), score(chosen.quality()));
        };
    }

    /** "factual, complexity 0.10". */
    private static Phrase task(TaskProfile profile) {
        return Phrase.of("route.task", profile.domain().key(), score(profile.complexity()));
    }

    /** Scores and complexities as the explanations show them: two decimals, a point in every language. */
    private static String score(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** Every distinct reason the models were turned down, as one phrase. */
    private static Phrase why(List<Candidate> all) {
        List<Phrase> reasons = all.stream().map(Candidate::rejection).distinct().toList();
        if (reasons.isEmpty()) {
            return Phrase.of("reject.none_configured");
        }
        Phrase joined = reasons.getFirst();
        for (Phrase next : reasons.subList(1, reasons.size())) {
            joined = Phrase.of("list.semicolon", joined, next);
        }
        return joined;
    }

    /** "email, phone", in the reader's language. */
    private static Phrase describe(TaskProfile profile) {
        return Phrase.list(profile.needs().privateData().stream()
                .map(k -> Phrase.of("private." + k.name().toLowerCase(Locale.ROOT))).toList());
    }
}
