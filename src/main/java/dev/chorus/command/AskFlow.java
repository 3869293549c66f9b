package dev.chorus.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.budget.BudgetService;
import dev.chorus.orchestration.AskOutcome;
import dev.chorus.orchestration.AskRequest;
import dev.chorus.orchestration.AskService;
import dev.chorus.orchestration.Asker;
import dev.chorus.orchestration.ChatSessions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A question from arrival to answer: the conversation it continues, the budget's allow-list, the
 * answer streamed into the chat, the footer and the "Why this model?" button, and the consent
 * buttons when private data would have to leave the machine.
 */
final class AskFlow {
    private static final String WHY = "why:";
    private static final String SEND = "send:";
    private static final String CANCEL = "cancel:";

    private final AskService asks;
    private final ChatSessions sessions;
    private final BudgetService budgets;
    private final AnswerReplies replies = new AnswerReplies();
    // Questions waiting for the user's consent to leave the machine. In memory on purpose: private
    // data is not written to disk before the user has decided, and after a restart they ask again.
    private final Cache<String, Incoming> pending = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(15)).maximumSize(10_000).build();

    AskFlow(AskService asks, ChatSessions sessions, BudgetService budgets) {
        this.asks = asks;
        this.sessions = sessions;
        this.budgets = budgets;
    }

    void ask(Incoming in, String question, ChatOutput out, String example) {
        if (question.isBlank()) {
            out.send(Reply.plain("Please add your question after the command, for example:\n" + example
                    + " How do vaccines work?"));
            return;
        }
        if (!budgets.allowed(BudgetCommands.spender(in))) {
            out.send(Reply.plain("This bot answers only people an admin has given a budget. Ask an admin to run "
                    + "/budget set " + in.userId() + " <amount>/day (your Telegram id is " + in.userId() + ")."));
            return;
        }
        run(new Incoming(in.chatId(), in.chatKind(), in.userId(), question.strip(), in.addressed(), in.names(),
                in.repliedToBot()), out, false);
    }

    private void run(Incoming in, ChatOutput out, boolean cloudAllowed) {
        ChatSessions.Session session = sessions.open(in.chatId(), in.userId(), in.inGroup(), in.repliedToBot());
        AskRequest request = new AskRequest(new Asker(in.userId(), in.chatId(), in.inGroup()), in.text(),
                session.history(), sessions.preferences(in.chatId()), cloudAllowed);
        ChatOutput.AnswerStream stream = out.startAnswer();
        AskOutcome outcome = asks.ask(request, stream);
        switch (outcome) {
            case AskOutcome.Answered a -> {
                long answerId = sessions.recordAnswer(in.chatId(), session.conversationId(), a.modelId(),
                        a.routing().explanation());
                List<Integer> ids = stream.finish(replies.of(a).withButtons(new Reply.Button("Why this model?",
                        WHY + answerId)));
                sessions.linkAnswer(answerId, ids);
                sessions.remember(session.conversationId(), in.text(), a.text(), a.modelId());
            }
            case AskOutcome.NeedsConsent c -> {
                String token = UUID.randomUUID().toString().substring(0, 18);
                pending.put(token, in);
                stream.finish(Reply.plain("Your question contains private data (" + c.privateData() + "). No local "
                        + "model is set up, so I have not sent it anywhere. Send it to " + c.cloudModel()
                        + " anyway?").withButtons(new Reply.Button("Send anyway", SEND + token),
                        new Reply.Button("Cancel", CANCEL + token)));
            }
            default -> stream.finish(replies.of(outcome));
        }
    }

    /** Handles a button this flow created; returns false when the data is not one of them. */
    boolean onButton(Callback callback, ChatOutput out) {
        String data = callback.data();
        if (data.startsWith(WHY)) {
            long answerId;
            try {
                answerId = Long.parseLong(data.substring(WHY.length()));
            } catch (NumberFormatException e) {
                return false;
            }
            out.acknowledge(callback.callbackId(), null);
            out.send(Reply.plain(sessions.explanation(answerId, callback.chatId())
                    .orElse("I no longer know why that answer's model was chosen.")));
            return true;
        }
        if (data.startsWith(SEND) || data.startsWith(CANCEL)) {
            String token = data.substring(data.indexOf(':') + 1);
            Incoming question = pending.getIfPresent(token);
            if (question == null || question.userId() != callback.userId()) {
                out.acknowledge(callback.callbackId(), question == null ? "That question has expired; please ask again."
                        : "Only the person who asked can decide.");
                return true;
            }
            pending.invalidate(token);
            out.acknowledge(callback.callbackId(), null);
            if (data.startsWith(CANCEL)) {
                out.send(Reply.plain("Not sent. Nothing left the bot."));
            } else {
                run(question, out, true);
            }
            return true;
        }
        return false;
    }
}
