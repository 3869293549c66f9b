package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who works on a run, and what the run may cost at worst: chosen from the models the delegation
 * engine allowed for the question (so privacy, context and budget rules hold), and no more of them
 * than the run's worst case fits in {@code room}.
 */
final class Teams {
    /** How many models answer (or work) at most. */
    static final int MEMBERS = 3;

    private Teams() {
    }

    /**
     * The answerer and its checker: the engine's choice answers; the checker is the strongest other
     * eligible model, from another provider where there is one. Both must fit {@code room} (an answer,
     * two checks of it and a revision in the worst case).
     */
    static List<Candidate> pair(Decision decision, long promptTokens, int maxTokens, long room) {
        List<Candidate> eligible = decision.candidates().stream().filter(Candidate::eligible).toList();
        Optional<Candidate> answerer = eligible.stream().filter(c -> c.model().equals(decision.chosen())).findFirst();
        if (answerer.isEmpty()) {
            return List.of();
        }
        String provider = answerer.get().model().provider();
        Optional<Candidate> checker = eligible.stream().filter(c -> c != answerer.get())
                .max(Comparator.comparing((Candidate c) -> !c.model().provider().equals(provider))
                        .thenComparingDouble(Candidate::quality).thenComparingLong(c -> -c.estimatedCostMicros()));
        if (checker.isEmpty()) {
            return List.of(answerer.get());
        }
        List<Candidate> pair = List.of(answerer.get(), checker.get());
        return pairWorstCase(pair, promptTokens, maxTokens) > room ? List.of(answerer.get()) : pair;
    }

    /** The strongest eligible model to instruct and the cheapest other one to follow, if both fit {@code room}. */
    static List<Candidate> strongAndCheap(Decision decision, long promptTokens, int maxTokens, long room) {
        List<Candidate> eligible = decision.candidates().stream().filter(Candidate::eligible).toList();
        Optional<Candidate> strong = eligible.stream().max(Comparator.comparingDouble(Candidate::quality)
                .thenComparingLong(c -> -c.estimatedCostMicros()));
        if (strong.isEmpty()) {
            return List.of();
        }
        Optional<Candidate> cheap = eligible.stream().filter(c -> c != strong.get())
                .min(Comparator.comparingLong(Candidate::estimatedCostMicros));
        if (cheap.isEmpty() || cheap.get().estimatedCostMicros() >= strong.get().estimatedCostMicros()) {
            return List.of(strong.get());
        }
        List<Candidate> pair = List.of(strong.get(), cheap.get());
        return pairWorstCase(pair, promptTokens, maxTokens) > room ? List.of(strong.get()) : pair;
    }

    /**
     * The most one member's call may cost: its prompt and answer, and for a model that reasons the
     * thinking budget members are asked for ({@link MemberCalls#MEMBER_EFFORT}), billed as output too.
     */
    static long maxCost(dev.chorus.provider.catalog.ModelSpec model, long promptTokens, int maxTokens) {
        int thinking = model.reasoning().reasons()
                ? dev.chorus.provider.catalog.Reasoning.budget(MemberCalls.MEMBER_EFFORT) : 0;
        return model.price().maxCostMicros(promptTokens, (int) Math.min(model.maxOutput(), (long) maxTokens + thinking));
    }

    /** Each step with every earlier step's full output in its prompt. */
    static long pipelineWorstCase(List<Candidate> steps, long promptTokens, int maxTokens) {
        long total = 0;
        for (int i = 0; i < steps.size(); i++) {
            total += maxCost(steps.get(i).model(), promptTokens + (long) i * maxTokens, maxTokens);
        }
        return total;
    }

    /** The strongest eligible model as master and up to three of the cheapest others as workers, within {@code room}. */
    static List<Candidate> masterAndWorkers(Decision decision, long promptTokens, int maxTokens, long room) {
        List<Candidate> eligible = decision.candidates().stream().filter(Candidate::eligible).toList();
        Optional<Candidate> master = eligible.stream().max(Comparator.comparingDouble(Candidate::quality)
                .thenComparingLong(c -> -c.estimatedCostMicros()));
        if (master.isEmpty()) {
            return List.of();
        }
        List<Candidate> team = new ArrayList<>(List.of(master.get()));
        eligible.stream().filter(c -> c != master.get()).sorted(Comparator.comparingLong(Candidate::estimatedCostMicros))
                .limit(MEMBERS).forEach(team::add);
        while (team.size() >= 2 && masterWorkerWorstCase(team, promptTokens, maxTokens) > room) {
            team.removeLast();
        }
        return team;
    }

    /** Two plans and the assembly of four parts by the master, four subtasks by the dearest worker. */
    static long masterWorkerWorstCase(List<Candidate> team, long promptTokens, int maxTokens) {
        long master = 2 * maxCost(team.getFirst().model(), promptTokens, maxTokens)
                + maxCost(team.getFirst().model(), promptTokens + 4L * maxTokens, maxTokens);
        long worker = team.subList(1, team.size()).stream()
                .mapToLong(c -> maxCost(c.model(), promptTokens, maxTokens)).max().orElse(0);
        return master + (long) PlanParser.MAX_SUBTASKS * worker;
    }

    /** An answer and a revision by the first, two checks by the second, each with the answer in its prompt. */
    static long pairWorstCase(List<Candidate> pair, long promptTokens, int maxTokens) {
        return 2 * maxCost(pair.get(0).model(), promptTokens + maxTokens, maxTokens)
                + 2 * maxCost(pair.get(1).model(), promptTokens + maxTokens, maxTokens);
    }

    /**
     * The models that answer: the engine's choice first, then the eligible models that clear the bar
     * (cheapest first), from providers not yet in the run before the same provider again, then the
     * others by quality; as many as {@value #MEMBERS}, and only as many as the run's worst case
     * (every member's answer and the merge of them all) fits in {@code room}.
     */
    static List<Candidate> members(Decision decision, long promptTokens, int maxTokens, long room) {
        List<Candidate> eligible = decision.candidates().stream().filter(Candidate::eligible).toList();
        List<Candidate> ordered = new ArrayList<>();
        eligible.stream().filter(c -> c.model().equals(decision.chosen())).findFirst().ifPresent(ordered::add);
        List<Candidate> rest = eligible.stream().filter(c -> !c.model().equals(decision.chosen()))
                .sorted(Comparator.comparing((Candidate c) -> c.quality() < decision.bar())
                        .thenComparingLong(Candidate::estimatedCostMicros)).toList();
        Set<String> providers = new HashSet<>();
        ordered.forEach(c -> providers.add(c.model().provider()));
        for (Candidate c : rest) {
            if (ordered.size() < MEMBERS && providers.add(c.model().provider())) {
                ordered.add(c);
            }
        }
        for (Candidate c : rest) {
            if (ordered.size() < MEMBERS && !ordered.contains(c)) {
                ordered.add(c);
            }
        }
        while (ordered.size() >= 2 && worstCase(ordered, promptTokens, maxTokens) > room) {
            ordered.remove(ordered.stream().max(Comparator.comparingLong(c -> maxCost(c.model(), promptTokens,
                    maxTokens))).orElseThrow());
        }
        return ordered;
    }

    /** Every member answering in full, then the dearest of them merging all the answers. */
    static long worstCase(List<Candidate> members, long promptTokens, int maxTokens) {
        long answers = members.stream().mapToLong(c -> maxCost(c.model(), promptTokens, maxTokens)).sum();
        long merge = members.stream().mapToLong(c -> maxCost(c.model(), promptTokens + (long) members.size() * maxTokens,
                maxTokens)).max().orElse(0);
        return answers + merge;
    }
}
