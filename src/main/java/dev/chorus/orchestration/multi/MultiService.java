package dev.chorus.orchestration.multi;

import dev.chorus.i18n.Phrase;

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
import java.util.List;
import java.util.Optional;
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
                return new MultiOutcome.NotRun(none.why());
            }
            case Routing.NeedsConsent consent -> {
                return new MultiOutcome.NotRun(Phrase.of("multi.private", consent.privateData()));
            }
            case Routing.Routed r -> decision = r.decision();
        }
        TaskProfile profile = routed.profile();
        Strategy strategy = asked.orElse(Strategy.forDomain(profile.domain()));
        List<ChatMessage> conversation = asks.conversation(request, profile.language());
        int maxTokens = asks.settings().maxTokens();
        long prompt = TokenEstimator.estimate(conversation);
        long room = Math.min(headroom.applyAsLong(request.asker()), maxCostMicros);
        List<Candidate> members = switch (strategy) {
            case PARALLEL -> Teams.members(decision, prompt, maxTokens, room);
            case VERIFY -> Teams.pair(decision, prompt, maxTokens, room);
            case INSTRUCT -> Teams.strongAndCheap(decision, prompt, maxTokens, room);
            case MASTER_WORKER -> Teams.masterAndWorkers(decision, prompt, maxTokens, room);
            case PIPELINE -> pipelineMembers(decision);
        };
        if (strategy == Strategy.PIPELINE && pipeline.isEmpty()) {
            return new MultiOutcome.NotRun(Phrase.of("multi.no_pipeline"));
        }
        if (strategy == Strategy.PIPELINE && members.size() < pipeline.size()) {
            return new MultiOutcome.NotRun(Phrase.of("multi.pipeline_not_allowed",
                    String.join(", ", pipeline.stream().map(PipelineStep::modelId).distinct().toList())));
        }
        if (members.size() < 2 && strategy != Strategy.PIPELINE) {
            return new MultiOutcome.Single(asks.ask(request, progress));
        }
        long worst = switch (strategy) {
            case PARALLEL -> Teams.worstCase(members, prompt, maxTokens);
            case VERIFY, INSTRUCT -> Teams.pairWorstCase(members, prompt, maxTokens);
            case MASTER_WORKER -> Teams.masterWorkerWorstCase(members, prompt, maxTokens);
            case PIPELINE -> Teams.pipelineWorstCase(members, prompt, maxTokens);
        };
        if (strategy == Strategy.PIPELINE && worst > room) {
            return new MultiOutcome.NotRun(Phrase.of("multi.pipeline_too_dear", dev.chorus.money.MoneyFormat.dollars(worst)));
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
        List<ModelSpec> models = members.stream().map(Candidate::model).toList();
        String ids = String.join(", ", models.stream().map(ModelSpec::id).toList());
        Described done = switch (strategy) {
            case PARALLEL -> {
                ModelSpec merger = members.stream().max(Comparator.comparingDouble(Candidate::quality)
                        .thenComparing(c -> -c.estimatedCostMicros())).orElseThrow().model();
                RunResult result = new ParallelRun(calls, grace).run(conversation, request.question(), models,
                        members.stream().map(Candidate::quality).toList(), merger, record, deadline, progress);
                Phrase how = Phrase.of("multi.how.parallel", members.size(), ids, merger.id(), profile.domain().key());
                yield new Described(result, how);
            }
            case VERIFY -> {
                RunResult result = new VerifyRun(calls).run(conversation, request.question(), models.get(0), models.get(1), record,
                        deadline, progress);
                Phrase how = Phrase.of(result.ending() == MultiOutcome.Ending.REVISED ? "multi.how.verify_revised"
                        : "multi.how.verify", models.get(0).id(), models.get(1).id());
                yield new Described(result, how);
            }
            case INSTRUCT -> {
                RunResult result = new InstructRun(calls).run(conversation, request.question(), models.get(0), models.get(1),
                        record, deadline, progress);
                Phrase how = Phrase.of("multi.how.instruct", models.get(0).id(), models.get(1).id());
                yield new Described(result, how);
            }
            case MASTER_WORKER -> {
                List<ModelSpec> workers = models.subList(1, models.size());
                RunResult result = new MasterWorkerRun(calls, plans).run(conversation, request.question(), models.get(0), workers,
                        record, deadline, progress);
                Phrase how = Phrase.of("multi.how.master_worker", models.get(0).id(), result.parts(),
                        String.join(", ", workers.stream().map(ModelSpec::id).toList()));
                yield new Described(result, how);
            }
            case PIPELINE -> {
                RunResult result = new PipelineRun(calls).run(conversation, request.question(), pipeline, models, record,
                        deadline, progress);
                Phrase how = Phrase.of("multi.how.pipeline", String.join(" → ", pipeline.stream()
                        .map(s -> s.name() + " (" + s.modelId() + ")").toList()));
                yield new Described(result, how);
            }
        };
        RunResult result = done.result();
        Phrase how = done.how();
        Duration took = Duration.between(started, clock.instant());
        if (result.text() == null) {
            return new MultiOutcome.Failed(strategy.key(), record.steps(), record.costMicros());
        }
        Phrase why = Phrase.of("multi.why", how, escalated ? Phrase.of("multi.rule.escalated", strategy.key())
                : Strategy.rule(profile.domain(), strategy, asked.isPresent()), Explanations.of(profile, decision));
        return new MultiOutcome.Answered(strategy.key(), result.text(), result.ending(), result.answeredBy(),
                result.missing(), result.problems(), record.steps(), record.costMicros(), took,
                new AskOutcome.Routing(profile.domain().key(), profile.complexity(), escalated, why),
                result.savedMicros());
    }

    /** A run's result and, for "Why these models?", how the strategy went about it. */
    private record Described(RunResult result, Phrase how) {
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

}
