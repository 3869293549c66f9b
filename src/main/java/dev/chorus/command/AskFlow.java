package dev.chorus.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.budget.BudgetService;
import dev.chorus.i18n.Texts;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.AskRequest;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.QuestionJournal;
import dev.chorus.orchestration.TraceStore;
import dev.chorus.orchestration.Ratings;
import dev.chorus.orchestration.cache.CachedAnswers;
import dev.chorus.orchestration.delegation.DelegationEngine;
import dev.chorus.orchestration.delegation.Routing;
import dev.chorus.orchestration.multi.MultiOutcome;
import dev.chorus.orchestration.multi.MultiService;
import dev.chorus.orchestration.multi.Strategy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A question from arrival to answer: the rate limit and the budget's allow-list, the conversation it
 * continues, the answer streamed into the chat, the footer and the "Why this model?" button, and the
 * consent buttons when private data would have to leave the machine. Every routed question is
 * journaled until its reply is in the outbox, so that after a crash it is answered again (when it is
 * recent) or offered again with a button.
 */
final class AskFlow {
    private static final String WHY = "why:";
    private static final String SEND = "send:";
    private static final String CANCEL = "cancel:";
    private static final String AGAIN = "again:";
    static final String BETTER = "bt:";
    static final String FRESH = "fr:";
    static final String TRACE = "trace:";
    /** A question older than this when the bot comes back is offered again rather than answered unasked. */
    static final Duration RERUN_WITHIN = Duration.ofMinutes(15);
    /** A question that was cut off this often is not run again on its own: it may be what crashes the bot. */
    static final int MAX_RUNS = 2;

    private final AskService asks;
    private final ChatSessions sessions;
    private final BudgetService budgets;
    private final QuestionJournal journal;
    private final QuestionGate gate;
    private final Clock clock;
    private final MultiService multi;
    private final MultiFlow multiFlow;
    private final Optional<Strategy> escalation;
    private final TraceStore traces;
    private final Ratings ratings;
    private final AnswerMetrics metrics;
    private final CachedAnswers cache;
    private final AnswerReplies replies = new AnswerReplies();
    private final Languages languages;
    // who already asked a stronger model for which answer: one press re-asks, more only say so
    private final Cache<String, Boolean> betterAsked = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(100_000).build();
    // Questions waiting for the user's consent to leave the machine. In memory on purpose: private
    // data is not written to disk before the user has decided, and after a restart they ask again.
    private final Cache<String, Incoming> pending = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(10_000).build();

    /** @param escalation the strategy a hard question escalates to, or empty for one stronger model */
    AskFlow(AskService asks, ChatSessions sessions, BudgetService budgets, QuestionJournal journal,
            QuestionLimiter limiter, Clock clock, MultiService multi, MultiFlow multiFlow,
            Optional<Strategy> escalation, TraceStore traces, Ratings ratings, MeterRegistry metrics,
            CachedAnswers cache, Languages languages) {
        this.languages = languages;
        this.metrics = new AnswerMetrics(metrics);
        this.cache = cache;
        this.asks = asks;
        this.sessions = sessions;
        this.budgets = budgets;
        this.journal = journal;
        this.gate = new QuestionGate(budgets, limiter);
        this.clock = clock;
        this.multi = multi;
        this.multiFlow = multiFlow;
        this.escalation = escalation;
        this.traces = traces;
        this.ratings = ratings;
    }

    void ask(Incoming in, String question, ChatOutput out, String example) {
        if (QuestionText.isBlank(question)) {
            out.send(Reply.plain(in.texts().get("ask.usage", example)));
            return;
        }
        Optional<Reply> refusal = gate.refusal(in);
        if (refusal.isPresent()) {
            metrics.refused();
            out.send(refusal.get());
            return;
        }
        run(in.withText(question.strip()), out, false, null, UnaryOperator.identity());
    }

    /**
     * Answers {@code in}. {@code resumed} is the journaled question being answered again after a
     * restart, or null for a new one (journaled once it is routed, so that one waiting for consent
     * is never written down).
     */
    private void run(Incoming in, ChatOutput out, boolean cloudAllowed, Long resumed) {
        run(in, out, cloudAllowed, resumed, UnaryOperator.identity());
    }

    private void run(Incoming in, ChatOutput out, boolean cloudAllowed, Long resumed,
                     UnaryOperator<AskService.RoutedQuestion> reroute) {
        run(in, out, cloudAllowed, resumed, reroute, true);
    }

    /** @param reroute changes where the question goes (to a better model than the first answer's), or null when none can */
    /** @param useCache whether a kept answer may serve it (not when a better or a fresh answer was asked for) */
    private void run(Incoming in, ChatOutput out, boolean cloudAllowed, Long resumed,
                     UnaryOperator<AskService.RoutedQuestion> reroute, boolean useCache) {
        Texts t = in.texts();
        ChatSessions.Session session = sessions.open(in.chatId(), in.userId(), in.inGroup(), in.repliedToBot());
        AskRequest request = new AskRequest(new Asker(in.userId(), in.chatId(), in.inGroup()), in.text(),
                session.history(), sessions.preferences(in.chatId()), cloudAllowed);
        AtomicLong questionId = new AtomicLong(resumed == null ? 0 : resumed);
        ChatOutput.AnswerStream stream = out.startAnswer(preview -> {
            if (questionId.get() != 0) {
                journal.previewShown(questionId.get(), preview);
            }
        }, t.get("answer.waiting"));
        Runnable journaled = () -> {
            if (questionId.get() == 0) {
                questionId.set(journal.started(new QuestionJournal.JournaledQuestion(in.chatId(), in.userId(),
                        in.inGroup(), in.text(), in.messageId(), in.repliedToBot(), cloudAllowed,
                        QuestionJournal.JournaledQuestion.ASK, false)));
            }
        };
        AskOutcome outcome;
        boolean keep = false;
        String scope = null;
        String language = null;
        try {
            AskService.RoutedQuestion routed = reroute.apply(asks.route(request));
            if (routed == null) {
                stream.finish(Reply.plain(t.get("better.none")));
                return;
            }
            boolean cacheable = CachedAnswers.cacheable(routed.profile(), !session.history().isEmpty());
            scope = cache.scope(in.chatId(), in.userId(), in.inGroup());
            language = routed.profile().language();
            if (useCache && cacheable && resumed == null) {
                Optional<CachedAnswers.Hit> kept = cache.find(scope, in.text(), routed.profile().language());
                metrics.cacheLookedUp(kept.isPresent());
                if (kept.isPresent()) {
                    serveKept(in, session, kept.get(), stream, t);
                    return;
                }
            }
            keep = cacheable;
            if (escalation.isPresent() && routed.routing() instanceof Routing.Routed r && r.decision().escalated()) {
                // A hard question: several models, with the same indicator and footer as /multi.
                journaled.run();
                MultiOutcome escalated = multi.escalate(request, routed, escalation.get(),
                        steps -> stream.showStatus(MultiText.status(steps, t)), stream);
                multiFlow.finish(escalated, in, session, stream, questionId.get());
                journal.finished(questionId.get());
                return;
            }
            outcome = asks.ask(request, routed, stream, journaled);
        } catch (RuntimeException e) {
            // The user is told something went wrong; a restart must not answer it unasked later.
            if (questionId.get() != 0) {
                journal.finished(questionId.get());
            }
            stream.finish(Reply.plain(t.get("error.generic")));
            throw e;
        }
        Reply reply = switch (outcome) {
            case AskOutcome.Answered a -> {
                // kept in the asker's language: the button shows what was stored
                long answerId = sessions.recordAnswer(in.chatId(), session.conversationId(), a.modelId(),
                        t.render(a.routing().explanation()), in.text(), null);
                traces.save(answerId, a.steps());
                yield replies.of(a, t).withButtons(RatingFlow.buttons(answerId, List.of(new Reply.Button(
                        t.get("button.better"), BETTER + answerId)), new Reply.Button(t.get("button.why"), WHY + answerId),
                        new Reply.Button(t.get("button.trace"), TRACE + answerId))).forAnswer(answerId);
            }
            case AskOutcome.NeedsConsent c -> {
                String token = UUID.randomUUID().toString().substring(0, 18);
                pending.put(token, in);
                yield Reply.plain(t.get("ask.consent", c.privateData(), c.cloudModel())).withButtons(
                        new Reply.Button(t.get("button.send_anyway"), SEND + token),
                        new Reply.Button(t.get("button.cancel"), CANCEL + token));
            }
            case AskOutcome.NoModel n -> replies.of(n, t);
            case AskOutcome.Declined d -> replies.of(d, t);
            case AskOutcome.Failed f -> replies.of(f, t);
            case AskOutcome.OverBudget o -> replies.of(o, t);
        };
        metrics.answered(outcome, request.preferences().mode().key());
        long id = questionId.get();
        stream.finish(id == 0 ? reply : reply.concluding(id));
        if (id != 0) {
            journal.finished(id);
        }
        if (outcome instanceof AskOutcome.Answered a) {
            sessions.remember(session.conversationId(), in.text(), a.text(), a.modelId());
            if (keep && !a.truncated() && !a.budgetCut()) {
                cache.put(scope, in.text(), language, a.text(), a.modelId(), a.costMicros());
            }
        }
    }

    /**
     * A question the bot was answering when it stopped: a recent one is answered again, an older one
     * (or one that was cut off before) is offered with an "Ask again" button. A group message that
     * showed the answer growing is edited to say it was cut off.
     */
    void resume(QuestionJournal.Unfinished unfinished, ChatOutput out) {
        QuestionJournal.JournaledQuestion q = unfinished.question();
        Texts t = languages.texts(q.userId());
        boolean again = unfinished.runs() < MAX_RUNS
                && unfinished.startedAt().plus(RERUN_WITHIN).isAfter(clock.instant());
        if (again) {
            if (unfinished.previewMessageId() != null) {
                out.edit(unfinished.previewMessageId(), Reply.plain(t.get("resume.cut_off")));
            }
            journal.rerun(unfinished.id());
            rerun(q, out, unfinished.id());
            return;
        }
        Reply offer = Reply.plain(t.get(q.inGroup() ? "resume.offer_group" : "resume.offer", Quote.of(q.text())))
                .withButtons(new Reply.Button(t.get("button.ask_again"), AGAIN + unfinished.id()));
        journal.offered(unfinished.id());
        if (unfinished.previewMessageId() != null) {
            out.edit(unfinished.previewMessageId(), offer);
        } else {
            out.send(offer);
        }
    }

    /** A journaled question as a message again, read in its asker's language as last known. */
    private Incoming incoming(QuestionJournal.JournaledQuestion q) {
        return new Incoming(q.chatId(), q.inGroup() ? ChatKind.GROUP : ChatKind.PRIVATE, q.userId(), q.text(), true,
                Incoming.Names.UNKNOWN, q.repliedToBot(), q.messageId(), languages.of(q.userId()).code());
    }

    /** Handles a button this flow created; returns false when the data is not one of them. */
    boolean onButton(Callback callback, ChatOutput out) {
        String data = callback.data();
        Texts t = callback.texts();
        if (data.startsWith(WHY)) {
            Optional<Long> answerId = number(data.substring(WHY.length()));
            if (answerId.isEmpty()) {
                return false;
            }
            out.acknowledge(callback.callbackId(), null);
            out.send(Reply.plain(sessions.explanation(answerId.get(), callback.chatId())
                    .orElse(t.get("why.unknown"))));
            return true;
        }
        if (data.startsWith(TRACE)) {
            Optional<Long> answerId = number(data.substring(TRACE.length()));
            if (answerId.isEmpty()) {
                return false;
            }
            out.acknowledge(callback.callbackId(), null);
            out.send(TraceReport.render(traces.load(answerId.get(), callback.chatId()), t));
            return true;
        }
        if (data.startsWith(FRESH)) {
            Optional<Long> answerId = number(data.substring(FRESH.length()));
            if (answerId.isEmpty()) {
                return false;
            }
            fresh(answerId.get(), callback, out);
            return true;
        }
        if (data.startsWith(BETTER)) {
            Optional<Long> answerId = number(data.substring(BETTER.length()));
            if (answerId.isEmpty()) {
                return false;
            }
            better(answerId.get(), callback, out);
            return true;
        }
        if (data.startsWith(AGAIN)) {
            Optional<Long> id = number(data.substring(AGAIN.length()));
            if (id.isEmpty()) {
                return false;
            }
            askAgain(id.get(), callback, out);
            return true;
        }
        if (data.startsWith(SEND) || data.startsWith(CANCEL)) {
            String token = data.substring(data.indexOf(':') + 1);
            Incoming question = pending.getIfPresent(token);
            if (question == null || question.userId() != callback.userId()) {
                out.acknowledge(callback.callbackId(), t.get(question == null ? "ask.expired" : "ask.not_yours"));
                return true;
            }
            pending.invalidate(token);
            out.acknowledge(callback.callbackId(), null);
            if (data.startsWith(CANCEL)) {
                out.send(Reply.plain(t.get("ask.not_sent")));
            } else {
                run(question, out, true, null);
            }
            return true;
        }
        return false;
    }

    /**
     * A question this chat asked before, answered from what was answered then: it says so and what it
     * saved, can be rated (for the model that wrote it) and asked afresh.
     */
    private void serveKept(Incoming in, ChatSessions.Session session, CachedAnswers.Hit hit,
                           ChatOutput.AnswerStream stream, Texts t) {
        var kept = hit.entry();
        String when = kept.at().toString().substring(0, 16).replace('T', ' ');
        String why = hit.match() == CachedAnswers.Match.EXACT
                ? t.get("why.cached", when, kept.model())
                : t.get("why.cached_similar", Quote.of(kept.question()), Math.round(hit.similarity() * 100), when,
                        kept.model());
        long answerId = sessions.recordAnswer(in.chatId(), session.conversationId(), kept.model(), why, in.text(), null);
        metrics.servedFromCache(hit);
        stream.finish(Reply.answer(kept.answer(), t.get("footer.from_cache") + " · " + kept.model() + " · "
                        + t.get("footer.saved", dev.chorus.money.MoneyFormat.dollars(kept.costMicros())))
                .withButtons(RatingFlow.buttons(answerId, List.of(new Reply.Button(t.get("button.fresh"), FRESH + answerId)),
                        new Reply.Button(t.get("button.why"), WHY + answerId)))
                .forAnswer(answerId));
        sessions.remember(session.conversationId(), in.text(), kept.answer(), kept.model());
    }

    /** "↻ Fresh answer" under a cached one: the question asked again, past the cache. */
    private void fresh(long answerId, Callback callback, ChatOutput out) {
        Texts t = callback.texts();
        Optional<Ratings.Rated> rated = ratings.answer(answerId, callback.chatId());
        if (rated.isEmpty() || rated.get().question().isBlank()) {
            out.acknowledge(callback.callbackId(), t.get("fresh.unknown"));
            return;
        }
        Incoming in = new Incoming(callback.chatId(), callback.chatKind(), callback.userId(), rated.get().question(),
                true, Incoming.Names.UNKNOWN, null, callback.messageId(), callback.languageCode());
        Optional<Reply> refusal = gate.refusal(in);
        if (refusal.isPresent()) {
            out.acknowledge(callback.callbackId(), null);
            out.send(refusal.get());
            return;
        }
        out.acknowledge(callback.callbackId(), t.get("fresh.asking"));
        run(in, out, false, null, UnaryOperator.identity(), false);
    }

    /**
     * "↻ Better model": the first answer counts as a 👎 from the presser, and the question is asked
     * again of a model expected to do clearly better, within the chat's budget.
     */
    private void better(long answerId, Callback callback, ChatOutput out) {
        Texts t = callback.texts();
        Optional<Ratings.Rated> rated = ratings.answer(answerId, callback.chatId());
        if (rated.isEmpty() || rated.get().question().isBlank()) {
            out.acknowledge(callback.callbackId(), t.get("better.unknown"));
            return;
        }
        String key = callback.chatId() + ":" + answerId + ":" + callback.userId();
        if (betterAsked.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            out.acknowledge(callback.callbackId(), t.get("better.already"));
            return;
        }
        Incoming in = new Incoming(callback.chatId(), callback.chatKind(), callback.userId(), rated.get().question(),
                true, Incoming.Names.UNKNOWN, null, callback.messageId(), callback.languageCode());
        Optional<Reply> refusal = gate.refusal(in);
        if (refusal.isPresent()) {
            betterAsked.invalidate(key);
            out.acknowledge(callback.callbackId(), null);
            out.send(refusal.get());
            return;
        }
        ratings.record(new Ratings.Rating(answerId, callback.chatId(), callback.userId(), rated.get().model(),
                rated.get().strategy(), rated.get().question(), 1, null, Ratings.Source.BETTER));
        out.acknowledge(callback.callbackId(), t.get("better.asking", rated.get().model()));
        String first = rated.get().model();
        run(in, out, false, null, routed -> routed.routing() instanceof Routing.Routed r
                ? DelegationEngine.betterThan(r.decision(), first)
                        .map(d -> new AskService.RoutedQuestion(routed.profile(), new Routing.Routed(d))).orElse(null)
                : routed, false);
    }

    private void askAgain(long id, Callback callback, ChatOutput out) {
        Texts t = callback.texts();
        Optional<QuestionJournal.Unfinished> taken = journal.takeOffered(id);
        if (taken.isEmpty() || taken.get().question().chatId() != callback.chatId()) {
            out.acknowledge(callback.callbackId(), t.get("again.done"));
            return;
        }
        QuestionJournal.JournaledQuestion q = taken.get().question();
        if (q.userId() != callback.userId()) {
            journal.offered(id);
            out.acknowledge(callback.callbackId(), t.get("again.not_yours"));
            return;
        }
        Incoming in = incoming(q);
        if (!budgets.allowed(BudgetCommands.spender(in))) {
            journal.finished(id);
            out.acknowledge(callback.callbackId(), t.get("again.not_allowed"));
            return;
        }
        out.acknowledge(callback.callbackId(), null);
        journal.rerun(id);
        rerun(q, out, id);
    }

    /** Answers a journaled question again, the way it was first asked. */
    private void rerun(QuestionJournal.JournaledQuestion q, ChatOutput out, long id) {
        if (q.command().equals(QuestionJournal.JournaledQuestion.ASK)) {
            run(incoming(q), out, q.cloudAllowed(), id);
        } else {
            multiFlow.rerun(incoming(q), q.command(), q.confirmed(), out, id);
        }
    }

    private static Optional<Long> number(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
