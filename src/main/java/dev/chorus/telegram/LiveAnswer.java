package dev.chorus.telegram;

import dev.chorus.command.ChatOutput;
import dev.chorus.command.Reply;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;

/**
 * An answer shown while it is generated. In a private chat the partial text goes out as a message
 * draft ({@code sendMessageDraft}); in a group as a message that is edited. Updates come from a
 * pump thread at most about once a second and only when the text changed, so the provider's stream
 * is never slowed by Telegram: a flood limit delays the preview, never the answer. When no text has
 * come after a while, the preview says the bot is still waiting, so a slow model does not look like
 * a dead bot. The final reply goes through the outbox: in a group it becomes the preview message.
 */
final class LiveAnswer implements ChatOutput.AnswerStream {
    // Telegram allows about one message a second per chat; edits count against the same limit.
    private static final Duration INTERVAL = Duration.ofMillis(1000);
    /** Updates (seconds) without any text before the preview says the bot is still waiting. */
    static final int WAITING_NOTICE_UPDATES = 10;
    static final String WAITING_TEXT = LiveAnswerNotices.WAITING;
    private static final int PREVIEW_LIMIT = 3900;

    private final long chatId;
    private final boolean group;
    private final Integer replyTo;
    private final TelegramChatOutput output;
    private final TelegramGateway gateway;
    private final IntConsumer previewShown;
    private final Pacer pacer;
    private int updatesWithoutText;
    private final int draftId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private final StringBuilder text = new StringBuilder();
    // what several models are doing, shown above the text; null for a single model
    private volatile String status;
    private final ChatOutput.Typing typing;
    private Thread pump;
    // Not the interrupt alone: an HTTP call in progress can swallow it, and the pump must still stop.
    private volatile boolean finishing;
    private String shown = "";
    // written by the pump, read by finish(): volatile in case the join below ever times out
    private volatile Integer previewMessageId;
    // the preview's id being written to the journal; finish() waits for it so the order is kept
    private volatile Thread journaling;
    private boolean previewGivenUp;
    private volatile SendPacer limits = SendPacer.NONE;
    private volatile String waitingText = WAITING_TEXT;

    private LiveAnswer(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                       IntConsumer previewShown, Pacer pacer) {
        this.chatId = chatId;
        this.group = replyTo != null;
        this.replyTo = replyTo;
        this.output = output;
        this.gateway = gateway;
        this.previewShown = previewShown;
        this.pacer = pacer;
        this.typing = output.typing();
    }

    /** @param replyTo in a group, the question the answer replies to; null in a private chat */
    static LiveAnswer start(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                            IntConsumer previewShown) {
        return start(chatId, replyTo, output, gateway, previewShown, () -> Thread.sleep(INTERVAL));
    }

    /** @param limits the outbox's pacer: a preview update that has no room under Telegram's limits is skipped */
    static LiveAnswer start(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                            IntConsumer previewShown, SendPacer limits) {
        return start(chatId, replyTo, output, gateway, previewShown, limits, WAITING_TEXT);
    }

    /** @param waitingText the notice for a model slow to start, in the asker's language */
    static LiveAnswer start(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                            IntConsumer previewShown, SendPacer limits, String waitingText) {
        LiveAnswer answer = start(chatId, replyTo, output, gateway, previewShown, () -> Thread.sleep(INTERVAL));
        answer.limits = limits;
        answer.waitingText = waitingText;
        return answer;
    }

    static LiveAnswer start(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                            IntConsumer previewShown, Pacer pacer) {
        LiveAnswer answer = new LiveAnswer(chatId, replyTo, output, gateway, previewShown, pacer);
        answer.pump = Thread.ofVirtual().name("live-answer-" + chatId).start(answer::pumpLoop);
        return answer;
    }

    @Override
    public void onText(String delta) {
        synchronized (text) {
            text.append(delta);
        }
    }

    /** When the next preview update is due: about once a second. Replaceable so tests can step it. */
    @FunctionalInterface
    interface Pacer {
        void awaitNextUpdate() throws InterruptedException;
    }

    private void pumpLoop() {
        while (!finishing) {
            try {
                pacer.awaitNextUpdate();
            } catch (InterruptedException e) {
                return;
            }
            if (!finishing) {
                update();
            }
        }
    }

    @Override
    public void showStatus(String now) {
        status = now;
    }

    private void update() {
        String answer;
        synchronized (text) {
            answer = text.toString();
        }
        String head = status;
        String now = head == null ? answer : answer.isBlank() ? head : head + "\n\n" + answer;
        if (now.isBlank()) {
            if (shown.isEmpty() && ++updatesWithoutText >= WAITING_NOTICE_UPDATES) {
                show(waitingText);
                shown = waitingText;
            }
            return;
        }
        if (now.equals(shown)) {
            return;
        }
        if (!answer.isBlank()) {
            typing.close();
        }
        show(previewOf(now));
        shown = now;
    }

    private void show(String preview) {
        // drafts in a private chat are not messages; what lands in a group counts toward its limit
        if (previewGivenUp || group && !limits.tryTurn(chatId)) {
            return;
        }
        try {
            if (!group) {
                gateway.call(chatId, SendMessageDraft.builder().chatId(chatId).draftId(draftId).text(preview).build(),
                        TelegramGateway.SHORT_PATIENCE);
            } else if (previewMessageId == null) {
                // One attempt: a request that got no answer may have arrived, and a retry would leave
                // the group two previews. The next update tries again if this one surely failed.
                var sent = gateway.once(chatId, SendMessage.builder().chatId(chatId).text(preview)
                        .replyParameters(ReplyParameters.builder().messageId(replyTo)
                                .allowSendingWithoutReply(true).build()).build());
                if (sent instanceof TelegramGateway.Attempt.Done<org.telegram.telegrambots.meta.api.objects.message.Message> done
                        && done.result() != null) {
                    previewMessageId = done.result().getMessageId();
                    // Not on this thread: finish() interrupts it, and an interrupted virtual thread's
                    // socket is closed, which would break a database server's connection mid-write.
                    int shown = previewMessageId;
                    journaling = Thread.ofVirtual().name("preview-journal-" + chatId).start(() -> previewShown.accept(shown));
                } else if (sent instanceof TelegramGateway.Attempt.Unreachable<?>) {
                    // it may be there: no more previews for this answer, the final reply comes as a new message
                    previewGivenUp = true;
                } else {
                    return;
                }
            } else {
                gateway.call(chatId, EditMessageText.builder().chatId(chatId).messageId(previewMessageId)
                        .text(preview).build(), TelegramGateway.SHORT_PATIENCE);
            }
        } catch (TelegramGateway.RejectedCall e) {
            // "message is not modified" and the like: the preview is best effort.
        }
    }

    /** The end of a long answer, cut where no emoji or other surrogate pair is split in two. */
    static String previewOf(String text) {
        if (text.length() <= PREVIEW_LIMIT) {
            return text;
        }
        int from = text.length() - PREVIEW_LIMIT;
        if (Character.isLowSurrogate(text.charAt(from))) {
            from++;
        }
        return "…" + text.substring(from);
    }

    @Override
    public void finish(Reply reply) {
        finishing = true;
        pump.interrupt();
        try {
            pump.join(Duration.ofSeconds(70));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread journal = journaling;
        if (journal != null) {
            // also when this thread was interrupted (an answer cut short): the write is short, and
            // a question resumed later must know its preview
            boolean interrupted = Thread.interrupted();
            try {
                journal.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        typing.close();
        // The preview message becomes the answer's first part, so the group sees no duplicate.
        output.post(reply, previewMessageId);
    }
}
