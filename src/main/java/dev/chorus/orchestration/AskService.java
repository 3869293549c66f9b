package dev.chorus.orchestration;

import dev.chorus.orchestration.analysis.TaskAnalyzer;
import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Candidate;
import dev.chorus.orchestration.delegation.Decision;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Mode;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.provider.ChatMessage;
import dev.chorus.provider.ChatOutcome;
import dev.chorus.provider.FinishReason;
import dev.chorus.provider.TokenEstimator;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.resilience.Attempt;
import dev.chorus.provider.resilience.ChainResult;
import dev.chorus.provider.resilience.Deadline;
import dev.chorus.provider.resilience.FallbackChain;
import dev.chorus.provider.resilience.OutcomeKind;
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
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Answers one question: analyses it, lets the delegation engine pick the model (and the ones that
 * stand in for it), streams the answer through the fallback chain within the asker's budget, and
 * records every call with its cost. Thread-safe: one instance serves every chat.
 */
public final class AskService {
    private final Function<Asker, TaskAnalyzer> analyzers;
    private final DelegationEngine engine;
    private final Supplier<List<ModelSpec>> models;
    private final Function<ModelSpec, List<ModelSpec>> configuredFallbacks;
    private final FallbackChain chain;
    private final Function<Asker, SpendGate> gates;
    private final ToLongFunction<Asker> headroom;
    private final CallLog calls;
    private final AskSettings settings;
    private final Clock clock;

    /**
     * @param analyzers the task analyzer for an asker (an LLM analyzer spends that asker's budget)
     * @param models the models this config can call
     * @param configuredFallbacks the admin's fixed order for a chosen model (it first), or an empty list
     *     when the engine's order should be used
     * @param gates the budget gate of whoever asks
     * @param headroom what the asker's tightest budget still allows
     */
    public AskService(Function<Asker, TaskAnalyzer> analyzers, DelegationEngine engine, Supplier<List<ModelSpec>> models,
                      Function<ModelSpec, List<ModelSpec>> configuredFallbacks, FallbackChain chain,
                      Function<Asker, SpendGate> gates, ToLongFunction<Asker> headroom, CallLog calls,
                      AskSettings settings, Clock clock) {
        this.analyzers = analyzers;
        this.engine = engine;
        this.models = models;
        this.configuredFallbacks = configuredFallbacks;
        this.chain = chain;
        this.gates = gates;
        this.headroom = headroom;
        this.calls = calls;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What the system prompt adds to a question in {@code language}: it goes out with every call, so it
     * takes room in the window and costs too. Counted with the language line it is sent with.
     */
    private long systemPromptTokens(String language) {
        return TokenEstimator.estimate(List.of(ChatMessage.system(systemPrompt(settings.systemPrompt(), language))))
                - TokenEstimator.estimate(List.of());
    }

    /**
     * The admin's system prompt followed by the language to answer in. The detector names a language
     * only when the question has enough words of one script to tell; otherwise the model is asked to
     * answer in the question's language, whatever it is.
     */
    public static String systemPrompt(String base, String language) {
        String line = languageLine(language);
        return base == null || base.isBlank() ? line : base + "\n\n" + line;
    }

    /** "Answer in Russian." for a question detected as {@code ru}; the generic line when it is unknown. */
    static String languageLine(String language) {
        String name = language == null || TaskProfile.UNDETERMINED.equals(language) ? ""
                : java.util.Locale.forLanguageTag(language).getDisplayLanguage(java.util.Locale.ENGLISH);
        return name.isEmpty() || name.equalsIgnoreCase(language) ? "Answer in the language of the question."
                : "Answer in " + name + ".";
    }

    /** How the engine would route {@code request}, without calling any model. */
    public RoutedQuestion route(AskRequest request) {
        TaskAnalyzer analyzer = analyzers.apply(request.asker());
        if (request.preferences().mode() == Mode.LOCAL) {
            // "nothing leaves the machine" covers the question's analysis too
            analyzer = analyzer.keepingTextLocal();
        }
        TaskProfile analysed = analyzer.analyze(request.question(), request.history());
        // the system prompt goes out with every call, so it takes room in the window and costs too
        TaskProfile profile = analysed.withPromptTokens(analysed.needs().promptTokens()
                + systemPromptTokens(analysed.language()));
        long room = headroom.applyAsLong(request.asker());
        Routing routing = engine.route(profile, request.question(), models.get(), request.preferences(), room, false);
        if (!request.history().isEmpty()
                && (routing instanceof Routing.NoModel || routing instanceof Routing.NeedsConsent)) {
            Optional<RoutedQuestion> trimmed = routeTrimmed(request, profile, room, routing instanceof Routing.NoModel);
            if (trimmed.isPresent()) {
                profile = trimmed.get().profile();
                routing = trimmed.get().routing();
            }
        }
        if (routing instanceof Routing.NeedsConsent consent && request.cloudAllowed()) {
            routing = new Routing.Routed(consent.cloud());
        }
        return new RoutedQuestion(profile, routing);
    }

    /**
     * A conversation that fits no allowed model whole (or only a cloud one, while it holds private
     * data) still goes on: with its most recent turns, as many as a window holds. Windows are tried
     * largest first, each priced at the prompt it would really carry, so that the most context is
     * kept and the estimate and any escalation stay honest. Consent is still asked where the trimmed
     * conversation could only go to the cloud and the whole one could not go anywhere.
     */
    private Optional<RoutedQuestion> routeTrimmed(AskRequest request, TaskProfile whole, long room,
                                                  boolean nothingTookItWhole) {
        long latest = TokenEstimator.estimate(List.of(ChatMessage.user(request.question())))
                + systemPromptTokens(whole.language());
        long output = engine.expectedAnswerTokens(whole);
        List<ModelSpec> usable = models.get();
        List<Integer> windows = usable.stream().map(ModelSpec::contextWindow).distinct()
                .sorted(Comparator.reverseOrder()).toList();
        for (int window : windows) {
            long fitted = Math.min(whole.needs().promptTokens(), window - output);
            if (fitted < latest) {
                continue;
            }
            TaskProfile trimmed = whole.withPromptTokens(fitted);
            Routing routing = engine.route(trimmed, request.question(), usable, request.preferences(), room, false);
            if (routing instanceof Routing.Routed || (nothingTookItWhole && routing instanceof Routing.NeedsConsent)) {
                return Optional.of(new RoutedQuestion(trimmed, routing));
            }
        }
        return Optional.empty();
    }

    public AskOutcome ask(AskRequest request, AnswerProgress progress) {
        return ask(request, progress, () -> { });
    }

    /**
     * Answers {@code request}; {@code onRouted} runs once the question is routed to a model, just
     * before any model is called (never for a question that waits for consent or that no model takes).
     */
    public AskOutcome ask(AskRequest request, AnswerProgress progress, Runnable onRouted) {
        return ask(request, null, progress, onRouted);
    }

    /** The same for a question already routed ({@code routed}; null to route it here). */
    public AskOutcome ask(AskRequest request, RoutedQuestion alreadyRouted, AnswerProgress progress, Runnable onRouted) {
        Instant started = clock.instant();
        // The deadline covers the whole wait, the analysis included.
        Deadline deadline = Deadline.in(settings.deadline());
        RoutedQuestion routed = alreadyRouted != null ? alreadyRouted : route(request);
        return switch (routed.routing()) {
            case Routing.NoModel none -> new AskOutcome.NoModel(none.why());
            case Routing.NeedsConsent consent -> new AskOutcome.NeedsConsent(consent.privateData(),
                    consent.cloud().chosen().id());
            case Routing.Routed r -> {
                onRouted.run();
                yield answer(request, routed.profile(), r.decision(), progress, started, deadline);
            }
        };
    }

    private AskOutcome answer(AskRequest request, TaskProfile profile, Decision decision, AnswerProgress progress,
                              Instant started, Deadline deadline) {
        List<ChatMessage> conversation = conversation(request, profile.language());
        List<ModelSpec> order = order(decision);
        ChainResult result = chain.run(order, conversation, settings.maxTokens(), null, gates.apply(request.asker()),
                progress::onText, deadline, request.preferences().mode().effort());
        Duration took = Duration.between(started, clock.instant());
        recordCalls(request.asker(), result, "answer");
        List<String> failed = result.failedModels().stream().map(ModelSpec::id).toList();
        dev.chorus.i18n.Phrase explanation = Explanations.of(profile, decision);
        if (result.answeredBy().isPresent()) {
            String id = result.answeredBy().get().id();
            if (result.last() instanceof ChatOutcome.Refused) {
                return new AskOutcome.Declined(result.text(), id, result.costMicros());
            }
            boolean truncated = result.last() instanceof ChatOutcome.Completed c && c.finishReason() == FinishReason.LENGTH;
            boolean budgetCut = result.last() instanceof ChatOutcome.Completed c && c.finishReason() == FinishReason.BUDGET;
            return new AskOutcome.Answered(result.text(), id, result.costMicros(), result.costEstimated(), took,
                    truncated, budgetCut, failed, new AskOutcome.Routing(profile.domain().key(), profile.complexity(),
                    decision.escalated(), explanation), steps(result),
                    result.attempts().stream().filter(Attempt::called).mapToLong(a -> a.usage().reasoningTokens()).sum());
        }
        if (result.attempts().stream().noneMatch(Attempt::called)) {
            var denial = result.attempts().stream().filter(Attempt::deniedBySpendGate).findFirst();
            if (denial.isPresent()) {
                return new AskOutcome.OverBudget(denial.get().denial());
            }
        }
        String tried = failed.isEmpty() ? decision.chosen().id() : String.join(", ", failed);
        return new AskOutcome.Failed(failureOf(result.last()), tried, result.text(), result.costMicros());
    }

    /**
     * The chosen model and its stand-ins: the admin's {@code model.fallbacks} when set, else the
     * engine's order. The admin's list only orders; it never brings back a model the engine ruled
     * out for this question (not local while the data must stay local, over budget, too small).
     */
    private List<ModelSpec> order(Decision decision) {
        List<ModelSpec> fixed = configuredFallbacks.apply(decision.chosen());
        if (fixed.isEmpty()) {
            return decision.order();
        }
        Set<String> eligible = new HashSet<>();
        for (Candidate c : decision.candidates()) {
            if (c.eligible()) {
                eligible.add(c.model().id());
            }
        }
        List<ModelSpec> order = new ArrayList<>();
        order.add(decision.chosen());
        for (ModelSpec m : fixed) {
            if (!m.id().equals(decision.chosen().id()) && eligible.contains(m.id())) {
                order.add(m);
            }
        }
        return order;
    }

    private static Failure failureOf(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.RateLimited r -> Failure.RATE_LIMITED;
            case ChatOutcome.Timeout t -> Failure.TIMEOUT;
            case ChatOutcome.AuthFailed a -> Failure.MISCONFIGURED;
            case ChatOutcome.ContextTooLong c -> Failure.TOO_LONG;
            case ChatOutcome.BadRequest b -> Failure.REJECTED;
            case ChatOutcome.Interrupted i -> Failure.INTERRUPTED;
            case ChatOutcome.Overloaded o -> Failure.UNAVAILABLE;
            case ChatOutcome.ServerError s -> Failure.UNAVAILABLE;
            case ChatOutcome.NetworkError n -> Failure.UNAVAILABLE;
            case ChatOutcome.Completed c -> Failure.UNAVAILABLE;
            case ChatOutcome.Refused r -> Failure.REJECTED;
        };
    }

    /** Every call the chain made, as trace steps: the answer, and the stand-ins tried before it. */
    static List<Step> steps(ChainResult result) {
        List<Step> steps = new ArrayList<>();
        for (Attempt a : result.attempts()) {
            if (!a.called()) {
                continue;
            }
            boolean answered = result.answeredBy().map(m -> m == a.model()).orElse(false)
                    && a.outcome() instanceof ChatOutcome.Completed;
            steps.add(new Step(steps.size(), a.model().id(), Role.ANSWER, null, answered ? MemberState.DONE : MemberState.FAILED,
                    a.usage().inputTokens(), a.usage().outputTokens(), a.costMicros(), a.took(),
                    answered ? null : OutcomeKind.of(a.outcome()).label()));
        }
        return steps;
    }

    /**
     * The system prompt, the earlier turns and the question, as every model is sent them;
     * {@code language} is the question's as analysed, which the answer is to be written in.
     */
    public List<ChatMessage> conversation(AskRequest request, String language) {
        List<ChatMessage> conversation = new ArrayList<>();
        conversation.add(ChatMessage.system(systemPrompt(settings.systemPrompt(), language)));
        conversation.addAll(request.history());
        conversation.add(ChatMessage.user(request.question()));
        return conversation;
    }

    public AskSettings settings() {
        return settings;
    }

    /** Records every call a chain made for {@code asker}, with what it cost. */
    public void recordCalls(Asker asker, ChainResult result, String purpose) {
        Instant now = clock.instant();
        for (Attempt attempt : result.attempts()) {
            if (!attempt.called()) {
                continue;
            }
            calls.append(new CallRecord(now, asker.userId(), asker.chatId(), attempt.model().id(), purpose,
                    OutcomeKind.of(attempt.outcome()).label(), attempt.usage().inputTokens(),
                    attempt.usage().cachedInputTokens(), attempt.usage().outputTokens(), attempt.costMicros(),
                    attempt.usage().estimated(), attempt.took().toMillis()));
        }
    }

    /** A question as analysed and routed. */
    public record RoutedQuestion(TaskProfile profile, Routing routing) {
    }
}
