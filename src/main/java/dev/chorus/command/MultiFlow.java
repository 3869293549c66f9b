package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import dev.chorus.i18n.Texts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.AskRequest;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.QuestionJournal;
import dev.chorus.orchestration.multi.MultiOutcome;
import dev.chorus.orchestration.multi.MultiService;
import dev.chorus.orchestration.Role;
import dev.chorus.orchestration.Step;
import dev.chorus.orchestration.multi.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /multi [strategy] <question>}: several models on one question. While they work, the chat
 * shows one status ("🎼 3 models at work" and what each is doing, with its cost so far) that turns
 * into the answer; the footer names every model with its role and cost, the total and the time.
 */
final class MultiFlow {
    static final String WHY = "why:";
    static final String RUN = "mrun:";
    static final String DROP = "mdrop:";
    /** Strategies the command knows by name but that do not run yet. */
    private static final Set<String> PLANNED = Set.of();

    private final MultiService multi;
    private final ChatSessions sessions;
    private final QuestionGate gate;
    private final AnswerReplies replies = new AnswerReplies();
    private final dev.chorus.orchestration.TraceStore traces;
    private final QuestionJournal journal;
    // Runs waiting for the asker's go-ahead; in memory, like the consent for private data.
    private final com.github.benmanes.caffeine.cache.Cache<String, Pending> pending = com.github.benmanes.caffeine.cache
            .Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(15)).maximumSize(10_000).build();

    private record Pending(Incoming in, Optional<Strategy> strategy) {
    }

    MultiFlow(MultiService multi, ChatSessions sessions, BudgetService budgets, QuestionLimiter limiter,
              dev.chorus.orchestration.TraceStore traces, QuestionJournal journal) {
        this.traces = traces;
        this.journal = journal;
        this.multi = multi;
        this.sessions = sessions;
        this.gate = new QuestionGate(budgets, limiter);
    }

    void ask(Incoming in, String args, ChatOutput out, String example) {
        Texts t = in.texts();
        String question = args.strip();
        String first = question.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (PLANNED.contains(first)) {
            out.send(Reply.plain(t.get("multi.planned", first, example)));
            return;
        }
        Optional<Strategy> strategy = Strategy.of(first);
        if (strategy.isPresent()) {
            question = question.substring(first.length()).strip();
        }
        if (QuestionText.isBlank(question) && in.repliedToBot() != null) {
            // /multi as a reply to an answer: the question that answer answered, asked again of several models
            question = lastQuestion(in).orElse("");
        }
        if (QuestionText.isBlank(question)) {
            out.send(Reply.plain(t.get("multi.usage", example)));
            return;
        }
        Optional<Reply> refusal = gate.refusal(in);
        if (refusal.isPresent()) {
            out.send(refusal.get());
            return;
        }
        run(in.withText(question), strategy, out, false, null);
    }

    /**
     * A journaled /multi question, run again after a restart. {@code command} is how it was asked
     * ({@code multi} or {@code multi <strategy>}); a run not yet agreed to is asked about again.
     */
    void rerun(Incoming in, String command, boolean confirmed, ChatOutput out, long id) {
        String[] words = command.split(" ", 2);
        Optional<Strategy> strategy = words.length > 1 ? Strategy.of(words[1]) : Optional.empty();
        run(in, strategy, out, confirmed, id);
    }

    private static String command(Optional<Strategy> strategy) {
        return strategy.map(s -> "multi " + s.key()).orElse("multi");
    }

    /** Run / Cancel under a dear run's question; false when the data is not one of this flow's buttons. */
    boolean onButton(Callback callback, ChatOutput out) {
        String data = callback.data();
        if (!data.startsWith(RUN) && !data.startsWith(DROP)) {
            return false;
        }
        String token = data.substring(data.indexOf(':') + 1);
        Pending run = pending.getIfPresent(token);
        if (run == null || run.in().userId() != callback.userId()) {
            out.acknowledge(callback.callbackId(), callback.texts().get(run == null ? "multi.expired" : "ask.not_yours"));
            return true;
        }
        pending.invalidate(token);
        out.acknowledge(callback.callbackId(), null);
        if (data.startsWith(DROP)) {
            out.send(Reply.plain(callback.texts().get("multi.cancelled")));
        } else {
            run(run.in(), run.strategy(), out, true, null);
        }
        return true;
    }

    private Optional<String> lastQuestion(Incoming in) {
        List<dev.chorus.provider.ChatMessage> history = sessions.open(in.chatId(), in.userId(), in.inGroup(),
                in.repliedToBot()).history();
        for (int i = history.size() - 1; i >= 0; i--) {
            if (history.get(i).role() == dev.chorus.provider.Role.USER) {
                return Optional.of(history.get(i).content());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs one /multi question, journaled until its reply is in the outbox so that a restart answers
     * it again; {@code resumed} is its journal id when it is being answered again, else null.
     */
    private void run(Incoming in, Optional<Strategy> strategy, ChatOutput out, boolean confirmed, Long resumed) {
        Texts t = in.texts();
        ChatSessions.Session session = sessions.open(in.chatId(), in.userId(), in.inGroup(), in.repliedToBot());
        AskRequest request = new AskRequest(new Asker(in.userId(), in.chatId(), in.inGroup()), in.text(),
                session.history(), sessions.preferences(in.chatId()), false);
        long id = resumed != null ? resumed : journal.started(new QuestionJournal.JournaledQuestion(in.chatId(),
                in.userId(), in.inGroup(), in.text(), in.messageId(), in.repliedToBot(), false, command(strategy),
                confirmed));
        ChatOutput.AnswerStream stream = out.startAnswer(preview -> journal.previewShown(id, preview),
                t.get("answer.waiting"));
        try {
            MultiOutcome outcome = multi.ask(request, strategy, confirmed,
                    steps -> stream.showStatus(MultiText.status(steps, t)), stream);
            if (outcome instanceof MultiOutcome.NeedsConfirmation c) {
                String token = java.util.UUID.randomUUID().toString().substring(0, 18);
                pending.put(token, new Pending(in, strategy));
                stream.finish(Reply.plain(t.get("multi.confirm", c.strategy(), c.members(),
                                MoneyFormat.dollars(c.worstCaseMicros())))
                        .withButtons(new Reply.Button(t.get("button.run"), RUN + token),
                                new Reply.Button(t.get("button.cancel"), DROP + token))
                        .concluding(id));
            } else {
                finish(outcome, in, session, stream, id);
            }
        } catch (RuntimeException e) {
            stream.finish(Reply.plain(t.get("error.generic")).concluding(id));
            throw e;
        } finally {
            // the reply is in the outbox (or the person was told it failed): nothing left for a restart
            journal.finished(id);
        }
    }

    /**
     * Shows how a run ended and remembers an answer in its conversation; {@code questionId} is the
     * journaled question the reply concludes, or null.
     */
    void finish(MultiOutcome outcome, Incoming in, ChatSessions.Session session, ChatOutput.AnswerStream stream,
                Long questionId) {
        java.util.function.UnaryOperator<Reply> concluding = r -> questionId == null ? r : r.concluding(questionId);
        Texts t = in.texts();
        switch (outcome) {
            case MultiOutcome.Answered a -> {
                // kept in the asker's language: the button shows what was stored
                long answerId = sessions.recordAnswer(in.chatId(), session.conversationId(), a.answeredBy(),
                        t.render(a.routing().explanation()), in.text(), a.strategy());
                String body = a.text() + MultiText.endingNote(a, t);
                traces.save(answerId, a.steps());
                stream.finish(concluding.apply(Reply.answer(body, MultiText.footer(a, t)).withButtons(RatingFlow.buttons(
                        answerId, new Reply.Button(t.get("button.why_these"), WHY + answerId),
                        new Reply.Button(t.get("button.trace"), AskFlow.TRACE + answerId))).forAnswer(answerId)));
                sessions.remember(session.conversationId(), in.text(), a.text(), a.answeredBy());
            }
            case MultiOutcome.Failed f -> stream.finish(concluding.apply(Reply.plain(t.get("multi.failed",
                    String.join(", ", f.steps().stream().map(s -> s.modelId() + ": " + t.get("state." + s.state().label()))
                            .toList())))));
            case MultiOutcome.Single s -> {
                if (s.outcome() instanceof AskOutcome.Answered a) {
                    long answerId = sessions.recordAnswer(in.chatId(), session.conversationId(), a.modelId(),
                            t.render(a.routing().explanation()), in.text(), null);
                    Reply reply = replies.of(a, t);
                    traces.save(answerId, a.steps());
                    stream.finish(new Reply(reply.body(), reply.format(), reply.footer() + " · "
                            + t.get("multi.only_one"), List.of(RatingFlow.buttons(answerId, new Reply.Button(
                            t.get("button.why"), WHY + answerId), new Reply.Button(t.get("button.trace"),
                            AskFlow.TRACE + answerId))), answerId, questionId));
                    sessions.remember(session.conversationId(), in.text(), a.text(), a.modelId());
                } else {
                    stream.finish(concluding.apply(replies.of(s.outcome(), t)));
                }
            }
            case MultiOutcome.NotRun n -> stream.finish(concluding.apply(Reply.plain(t.render(n.message()))));
            case MultiOutcome.NeedsConfirmation c -> stream.finish(concluding.apply(Reply.plain(t.get("multi.would_cost",
                    MoneyFormat.dollars(c.worstCaseMicros())))));
        }
    }

}
