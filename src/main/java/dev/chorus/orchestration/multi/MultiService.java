package dev.chorus.orchestration.multi;

import dev.chorus.orchestration.Step;

import dev.chorus.orchestration.AnswerProgress;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.AskRequest;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.Explanations;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Deadline;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.SpendGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * {@code /multi} and escalation: several models on one question (see {@link Strategy}). The question is analysed and routed as for
 * {@code /ask}; the members are the models the engine allowed for it (never one the privacy rules,
 * the context window or the budget ruled out), different providers first; the merger is the
 * strongest of them. A run whose worst case does not fit what the asker may still spend is shrunk
 * (its dearest members dropped) or, below two members, answered as {@code /ask} would. Thread-safe.
 */
public final class MultiService {
    /** How many models answer, at most. */
    static final int MEMBERS = 3;
    /** How long the others may take once one answer is complete, unless configured. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final AskService asks;
    private final FallbackChain chain;
    private final Function<Asker, SpendGate> gates;
    private final ToLongFunction<Asker> headroom;
    private final Clock clock;
    private final long maxCostMicros;
    private final long confirmAboveMicros;
    private final PlanParser plans;
    private final List<PipelineStep> pipeline;
    private final Duration grace;

    /** A run without a cost cap or a confirmation (the terminal's operator, tests). */
    public MultiService(AskService asks, FallbackChain chain, Function<Asker, SpendGate> gates,
                        ToLongFunction<Asker> headroom, Clock clock, PlanParser plans) {
        this(asks, chain, gates, headroom, clock, Long.MAX_VALUE, Long.MAX_VALUE, plans, List.of(), GRACE);
    }

    /**
     * @param maxCostMicros the most a run may cost in its worst case (dearer members are left out)
     * @param confirmAboveMicros a run whose worst case costs more is confirmed by the asker first
     */
    public MultiService(AskService asks, FallbackChain chain, Function<Asker, SpendGate> gates,
                        ToLongFunction<Asker> headroom, Clock clock, long maxCostMicros, long confirmAboveMicros,
                        PlanParser plans, List<PipelineStep> pipeline, Duration grace) {
        this.grace = grace;
        this.plans = plans;
        this.pipeline = List.copyOf(pipeline);
        this.asks = asks;
        this.chain = chain;
        this.gates = gates;
        this.headroom = headroom;
        this.clock = clock;
        this.maxCostMicros = maxCostMicros;
        this.confirmAboveMicros = confirmAboveMicros;
    }

    /**
     * Runs {@code request} with several models; {@code strategy} empty lets the task decide (see
     * {@link Strategy#forDomain}). {@code steps} hears every change of the run (for the live
     * indicator), {@code progress} the answer as it streams.
     */
    public MultiOutcome ask(AskRequest request, Optional<Strategy> strategy, Consumer<List<Step>> steps,
                            AnswerProgress progress) {
        return ask(request, strategy, true, steps, progress);
    }

    /** The same; unless {@code confirmed}, a run dearer than the confirmation threshold is only described. */
    public MultiOutcome ask(AskRequest request, Optional<Strategy> strategy, boolean confirmed,
                            Consumer<List<Step>> steps, AnswerProgress progress) {
        return run(request, asks.route(request), strategy, steps, progress, false, confirmed);
    }

    /**
     * A hard question {@code /ask} escalates to {@code strategy} rather than to one stronger model;
     * {@code routed} is its routing (escalated), so it is not analysed twice.
     */
    public MultiOutcome escalate(AskRequest request, AskService.RoutedQuestion routed, Strategy strategy,
                                 Consumer<List<Step>> steps, AnswerProgress progress) {
        // escalation is the bot's own choice within multi.max-cost; it does not stop to ask
        return run(request, routed, Optional.of(strategy), steps, progress, true, true);
    }

    private MultiOutcome run(AskRequest request, AskService.RoutedQuestion routed, Optional<Strategy> asked,
                             Consumer<List<Step>> steps, AnswerProgress progress, boolean escalated,
                             boolean confirmed) {
        Instant started = clock.instant();
        Deadline deadline = Deadline.in(asks.settings().deadline());
        Decision decision;
        switch (routed.routing()) {
            case Routing.NoModel none -> {
                return new MultiOutcome.NotRun(none.reason());
            }
            case Routing.NeedsConsent consent -> {
                return new MultiOutcome.NotRun("Your question contains private data (" + consent.privateData()
                        + ") and no local model is set up, so I do not send it to several models. Use /ask to decide "
                        + "whether it may go to one.");
            }
            case Routing.Routed r -> decision = r.decision();
        }
        TaskProfile profile = routed.profile();
        Strategy strategy = asked.orElse(Strategy.forDomain(profile.domain()));
        List<ChatMessage> conversation = asks.conversation(request);
        int maxTokens = asks.settings().maxTokens();
        long prompt = TokenEstimator.estimate(conversation);
        long room = Math.min(headroom.applyAsLong(request.asker()), maxCostMicros);
        List<Candidate> members = switch (strategy) {
            case PARALLEL -> members(decision, prompt, maxTokens, room);
            case VERIFY -> pair(decision, prompt, maxTokens, room);
            case INSTRUCT -> strongAndCheap(decision, prompt, maxTokens, room);
            case MASTER_WORKER -> masterAndWorkers(decision, prompt, maxTokens, room);
            case PIPELINE -> pipelineMembers(decision);
        };
        if (strategy == Strategy.PIPELINE && pipeline.isEmpty()) {
            return new MultiOutcome.NotRun("No pipeline is set up: an admin defines its steps in multi.pipeline "
                    + "(such as draft:gpt-4o-mini,critique:claude-3-5-haiku,final:gpt-4.1).");
        }
        if (strategy == Strategy.PIPELINE && members.size() < pipeline.size()) {
            return new MultiOutcome.NotRun("The pipeline cannot take this question: its models "
                    + String.join(", ", pipeline.stream().map(PipelineStep::modelId).distinct().toList())
                    + " must all be allowed for it (privacy, context and budget rules apply as for /ask).");
        }
        if (members.size() < 2 && strategy != Strategy.PIPELINE) {
            return new MultiOutcome.Single(asks.ask(request, progress));
        }
        long worst = switch (strategy) {
            case PARALLEL -> worstCase(members, prompt, maxTokens);
            case VERIFY, INSTRUCT -> pairWorstCase(members, prompt, maxTokens);
            case MASTER_WORKER -> masterWorkerWorstCase(members, prompt, maxTokens);
            case PIPELINE -> pipelineWorstCase(members, prompt, maxTokens);
        };
        if (strategy == Strategy.PIPELINE && worst > room) {
            return new MultiOutcome.NotRun("The pipeline may cost up to " + dev.chorus.money.MoneyFormat.dollars(worst)
                    + ", more than this run may spend.");
        }
        if (!confirmed && worst > confirmAboveMicros) {
            return new MultiOutcome.NeedsConfirmation(strategy.key(), members.size(), worst);
        }
        // The whole run's worst case is held before any member starts: it has the money for all of them.
        SpendGate.RunAdmission admission = gates.apply(request.asker()).reserveRun(worst);
        if (admission instanceof SpendGate.RunAdmission.Denied denied) {
            return new MultiOutcome.NotRun(denied.reason());
        }
        SpendGate.RunAdmission.Granted held = (SpendGate.RunAdmission.Granted) admission;
        try {
            return runHeld(request, routed, asked, steps, progress, escalated, decision, profile, strategy, conversation,
                    maxTokens, members, held.gate(), started, deadline);
        } finally {
            held.release().run();
        }
    }

    private MultiOutcome runHeld(AskRequest request, AskService.RoutedQuestion routed, Optional<Strategy> asked,
                                 Consumer<List<Step>> steps, AnswerProgress progress, boolean escalated,
                                 Decision decision, TaskProfile profile, Strategy strategy,
                                 List<ChatMessage> conversation, int maxTokens, List<Candidate> members, SpendGate gate,
                                 Instant started, Deadline deadline) {
        RunRecord record = new RunRecord(steps);
        MemberCalls calls = new MemberCalls(chain, gate, maxTokens,
                result -> asks.recordCalls(request.asker(), result, "multi"));
        String names = String.join(", ", members.stream().map(c -> c.model().id()).toList());
        String text;
        MultiOutcome.Ending ending;
        String answeredBy;
        List<String> missing;
        List<String> problems = List.of();
        long saved = 0;
        String how;
        if (strategy == Strategy.PIPELINE) {
            PipelineRun.Result result = new PipelineRun(calls).run(conversation, request.question(), pipeline,
                    members.stream().map(Candidate::model).toList(), record, deadline, progress);
            text = result.text();
            ending = result.ending();
            answeredBy = result.answeredBy();
            missing = result.missing();
            how = "Pipeline: the admins' steps " + String.join(" → ", pipeline.stream()
                    .map(s -> s.name() + " (" + s.modelId() + ")").toList()) + ", one after another.";
        } else if (strategy == Strategy.MASTER_WORKER) {
            MasterWorkerRun.Result result = new MasterWorkerRun(calls, plans).run(conversation, request.question(),
                    members.get(0).model(), members.subList(1, members.size()).stream().map(Candidate::model).toList(),
                    record, deadline, progress);
            text = result.text();
            ending = result.ending();
            answeredBy = result.answeredBy();
            missing = result.missing();
            how = "Master-worker: " + members.get(0).model().id() + ", the strongest model allowed, split the task "
                    + "into " + result.subtasks().size() + " subtasks, which " + String.join(", ", members.subList(1,
                    members.size()).stream().map(c -> c.model().id()).toList()) + " solved at once; it then put the "
                    + "results together.";
        } else if (strategy == Strategy.INSTRUCT) {
            InstructRun.Result result = new InstructRun(calls).run(conversation, request.question(),
                    members.get(0).model(), members.get(1).model(), record, deadline, progress);
            text = result.text();
            ending = result.ending();
            answeredBy = result.answeredBy();
            missing = result.missing();
            saved = result.savedMicros();
            how = "Instruct: " + members.get(0).model().id() + ", the strongest model allowed, wrote step-by-step "
                    + "instructions, and " + members.get(1).model().id() + ", the cheapest, answered following them.";
        } else if (strategy == Strategy.PARALLEL) {
            ModelSpec merger = members.stream().max(Comparator.comparingDouble(Candidate::quality)
                    .thenComparing(c -> -c.estimatedCostMicros())).orElseThrow().model();
            ParallelRun.Result result = new ParallelRun(calls, grace).run(conversation, request.question(),
                    members.stream().map(Candidate::model).toList(), members.stream().map(Candidate::quality).toList(),
                    merger, record, deadline, progress);
            text = result.text();
            ending = result.ending();
            answeredBy = result.answeredBy();
            missing = result.missing();
            how = "Parallel: " + members.size() + " models allowed for this question answered at once (" + names
                    + "), different providers first; " + merger.id() + ", the strongest of them for "
                    + profile.domain().key() + ", merged their answers.";
        } else {
            VerifyRun.Result result = new VerifyRun(calls).run(conversation, request.question(),
                    members.get(0).model(), members.get(1).model(), record, deadline, progress);
            text = result.text();
            ending = result.ending();
            answeredBy = result.answeredBy();
            missing = result.missing();
            problems = result.problems();
            how = "Verify: " + members.get(0).model().id() + " answered and " + members.get(1).model().id()
                    + " checked the answer for real problems" + (ending == MultiOutcome.Ending.REVISED
                    ? "; it found some, and the answer was revised once." : ".");
        }
        Duration took = Duration.between(started, clock.instant());
        if (text == null) {
            return new MultiOutcome.Failed(strategy.key(), record.steps(), record.costMicros());
        }
        String why = how + " " + (escalated ? "This hard question was escalated to " + strategy.key()
                + " (escalation.strategy)." : Strategy.rule(profile.domain(), strategy, asked.isPresent()))
                + "\n\n" + Explanations.of(profile, decision);
        return new MultiOutcome.Answered(strategy.key(), text, ending, answeredBy, missing, problems, record.steps(),
                record.costMicros(), took, new AskOutcome.Routing(profile.domain().key(), profile.complexity(),
                escalated, why), saved);
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

    /** The pipeline's models in step order, each only if the engine allowed it for this question. */
    private List<Candidate> pipelineMembers(Decision decision) {
        List<Candidate> members = new ArrayList<>();
        for (PipelineStep step : pipeline) {
            decision.candidates().stream().filter(c -> c.eligible() && c.model().id().equals(step.modelId()))
                    .findFirst().ifPresent(members::add);
        }
        return members;
    }

    /** Each step with every earlier step's full output in its prompt. */
    static long pipelineWorstCase(List<Candidate> steps, long promptTokens, int maxTokens) {
        long total = 0;
        for (int i = 0; i < steps.size(); i++) {
            total += steps.get(i).model().price().maxCostMicros(promptTokens + (long) i * maxTokens, maxTokens);
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
        long master = 2 * team.getFirst().model().price().maxCostMicros(promptTokens, maxTokens)
                + team.getFirst().model().price().maxCostMicros(promptTokens + 4L * maxTokens, maxTokens);
        long worker = team.subList(1, team.size()).stream()
                .mapToLong(c -> c.model().price().maxCostMicros(promptTokens, maxTokens)).max().orElse(0);
        return master + (long) PlanParser.MAX_SUBTASKS * worker;
    }

    /** An answer and a revision by the first, two checks by the second, each with the answer in its prompt. */
    static long pairWorstCase(List<Candidate> pair, long promptTokens, int maxTokens) {
        return 2 * pair.get(0).model().price().maxCostMicros(promptTokens + maxTokens, maxTokens)
                + 2 * pair.get(1).model().price().maxCostMicros(promptTokens + maxTokens, maxTokens);
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
            ordered.remove(ordered.stream().max(Comparator.comparingLong(c -> c.model().price()
                    .maxCostMicros(promptTokens, maxTokens))).orElseThrow());
        }
        return ordered;
    }

    /** Every member answering in full, then the dearest of them merging all the answers. */
    static long worstCase(List<Candidate> members, long promptTokens, int maxTokens) {
        long answers = members.stream().mapToLong(c -> c.model().price().maxCostMicros(promptTokens, maxTokens)).sum();
        long merge = members.stream().mapToLong(c -> c.model().price()
                .maxCostMicros(promptTokens + (long) members.size() * maxTokens, maxTokens)).max().orElse(0);
        return answers + merge;
    }
}
