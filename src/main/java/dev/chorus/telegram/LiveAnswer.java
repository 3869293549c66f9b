package dev.chorus.telegram;

import dev.chorus.command.ChatOutput;
import dev.chorus.command.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;

/**
 * An answer shown while it is generated. In a private chat the partial text goes out as a message
 * draft ({@code sendMessageDraft}); in a group as a message that is edited. Updates come from a
 * pump thread at most about once a second and only when the text changed, so the provider's stream
 * is never slowed by Telegram: a flood limit delays the preview, never the answer, and the final
 * message is always sent.
 */
final class LiveAnswer implements ChatOutput.AnswerStream {
    // Telegram allows about one message a second per chat; edits count against the same limit.
    private static final Duration INTERVAL = Duration.ofMillis(1000);
    private static final int PREVIEW_LIMIT = 3900;

    private final long chatId;
    private final boolean group;
    private final Integer replyTo;
    private final TelegramChatOutput output;
    private final TelegramGateway gateway;
    private final MessageFormatter formatter;
    private final int draftId = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
    private final StringBuilder text = new StringBuilder();
    private final ChatOutput.Typing typing;
    private Thread pump;
    // Not the interrupt alone: an HTTP call in progress can swallow it, and the pump must still stop.
    private volatile boolean finishing;
    private String shown = "";
    // written by the pump, read by finish(): volatile in case the join below ever times out
    private volatile Integer previewMessageId;

    private LiveAnswer(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                       MessageFormatter formatter) {
        this.chatId = chatId;
        this.group = replyTo != null;
        this.replyTo = replyTo;
        this.output = output;
        this.gateway = gateway;
        this.formatter = formatter;
        this.typing = output.typing();
    }

    /** @param replyTo in a group, the question the answer replies to; null in a private chat */
    static LiveAnswer start(long chatId, Integer replyTo, TelegramChatOutput output, TelegramGateway gateway,
                            MessageFormatter formatter) {
        LiveAnswer answer = new LiveAnswer(chatId, replyTo, output, gateway, formatter);
        answer.pump = Thread.ofVirtual().name("live-answer-" + chatId).start(answer::pumpLoop);
        return answer;
    }

    @Override
    public void onText(String delta) {
        synchronized (text) {
            text.append(delta);
        }
    }

    private void pumpLoop() {
        while (!finishing) {
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            if (!finishing) {
                update();
            }
        }
    }

    private void update() {
        String now;
        synchronized (text) {
            now = text.toString();
        }
        if (now.isBlank() || now.equals(shown)) {
            return;
        }
        typing.close();
        String preview = previewOf(now);
        try {
            if (!group) {
                gateway.call(chatId, SendMessageDraft.builder().chatId(chatId).draftId(draftId).text(preview).build(),
                        TelegramGateway.SHORT_PATIENCE);
            } else if (previewMessageId == null) {
                previewMessageId = gateway.call(chatId, SendMessage.builder().chatId(chatId).text(preview)
                                .replyParameters(ReplyParameters.builder().messageId(replyTo)
                                        .allowSendingWithoutReply(true).build()).build(), TelegramGateway.SHORT_PATIENCE)
                        .map(m -> m.getMessageId()).orElse(null);
            } else {
                gateway.call(chatId, EditMessageText.builder().chatId(chatId).messageId(previewMessageId)
                        .text(preview).build(), TelegramGateway.SHORT_PATIENCE);
            }
        } catch (TelegramGateway.RejectedCall e) {
            // "message is not modified" and the like: the preview is best effort.
        }
        shown = now;
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
    public List<Integer> finish(Reply reply) {
        finishing = true;
        pump.interrupt();
        try {
            pump.join(Duration.ofSeconds(70));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        typing.close();
        List<String> parts = formatter.format(reply);
        if (previewMessageId == null) {
            return output.send(reply);
        }
        // The preview message becomes the answer's first part, so the group sees no duplicate.
        List<Integer> ids = new ArrayList<>();
        try {
            gateway.call(chatId, EditMessageText.builder().chatId(chatId).messageId(previewMessageId)
                    .text(parts.getFirst()).parseMode("HTML")
                    .replyMarkup(parts.size() == 1 ? Keyboards.of(reply.buttons()) : null).build());
            ids.add(previewMessageId);
        } catch (TelegramGateway.RejectedCall e) {
            return output.send(reply);
        }
        if (parts.size() > 1) {
            ids.addAll(output.sendParts(parts.subList(1, parts.size()), reply.buttons(), null));
        }
        return ids;
    }
}
