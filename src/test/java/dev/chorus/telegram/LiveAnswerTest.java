package dev.chorus.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.chorus.command.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The Bot API client is the seam; the preview's updates are stepped by hand, so nothing here depends on timing. */
class LiveAnswerTest {

    @Test
    void aLongPreviewIsCutWithoutSplittingAnEmoji() {
        // an odd number of single characters after the emoji puts the plain cut inside a surrogate pair
        String answer = "🙂".repeat(3000) + "x".repeat(11);
        assertThat(Character.isLowSurrogate(answer.charAt(answer.length() - 3900))).as("the naive cut").isTrue();
        String preview = LiveAnswer.previewOf(answer);
        assertThat(preview).startsWith("…").hasSizeLessThanOrEqualTo(3901).endsWith("xxxxxxxxxxx");
        assertThat(Character.isLowSurrogate(preview.charAt(1))).isFalse();
        assertThat(preview.substring(1).codePoints().allMatch(cp -> cp == "🙂".codePointAt(0) || cp == 'x')).isTrue();
    }

    /** Steps the preview's updates by hand: {@link #tick()} returns once that update is done. */
    static final class SteppedPacer implements LiveAnswer.Pacer {
        private final Semaphore due = new Semaphore(0);
        private final Semaphore done = new Semaphore(0);
        private boolean started;

        @Override
        public void awaitNextUpdate() throws InterruptedException {
            if (started) {
                done.release();
            }
            started = true;
            due.acquire();
        }

        void tick() throws InterruptedException {
            due.release();
            if (!done.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the update did not finish");
            }
        }
    }

    private final TelegramClient client = mock(TelegramClient.class);
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<dev.chorus.store.Outbox.Message> posted = new CopyOnWriteArrayList<>();

    private LiveAnswer start(long chatId, Integer replyTo, SteppedPacer pacer) throws Exception {
        Message preview = new Message();
        preview.setMessageId(11);
        when(client.execute(any(SendMessage.class))).thenAnswer(call -> {
            calls.add("send " + call.getArgument(0, SendMessage.class).getText());
            return preview;
        });
        when(client.execute(any(EditMessageText.class))).thenAnswer(call -> {
            calls.add("edit " + call.getArgument(0, EditMessageText.class).getText());
            return true;
        });
        when(client.execute(any(SendMessageDraft.class))).thenAnswer(call -> {
            calls.add("draft " + call.getArgument(0, SendMessageDraft.class).getText());
            return true;
        });
        TelegramGateway gateway = new TelegramGateway(client, d -> { });
        TelegramChatOutput output = new TelegramChatOutput(chatId, replyTo, gateway, new MessageFormatter(),
                (chat, messages) -> posted.addAll(messages));
        return LiveAnswer.start(chatId, replyTo, output, gateway, id -> calls.add("shown " + id), pacer);
    }

    @Test
    void aGroupPreviewChangesOnlyOnItsUpdatesAndOnlyWhenTheTextDid() throws Exception {
        SteppedPacer pacer = new SteppedPacer();
        LiveAnswer answer = start(-100L, 5, pacer);
        for (int i = 0; i < 50; i++) {
            answer.onText("word" + i + " "); // a fast model: many pieces between two updates
        }
        pacer.tick();
        pacer.tick(); // the stream stalled: nothing new, so no edit
        answer.onText("more");
        pacer.tick();
        answer.finish(Reply.answer("the final answer", "model · $0.001 · 1.0s"));

        // the preview's id is journaled beside the pump, and finish() has waited for it
        assertThat(calls).contains("shown 11").hasSize(3);
        List<String> telegram = calls.stream().filter(c -> !c.startsWith("shown")).toList();
        assertThat(telegram.get(0)).startsWith("send word0 word1 ").endsWith("word49 ");
        assertThat(telegram.get(1)).startsWith("edit word0").endsWith("word49 more");
        // the final answer goes through the outbox, as an edit that turns the preview into it
        assertThat(posted).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(dev.chorus.store.Outbox.Kind.EDIT);
            assertThat(m.editMessageId()).isEqualTo(11);
            assertThat(m.text()).contains("the final answer");
        });
    }

    @Test
    void aModelThatHasNotStartedAfterTenUpdatesIsSaidToBeAwaited() throws Exception {
        SteppedPacer pacer = new SteppedPacer();
        LiveAnswer answer = start(42L, null, pacer);
        for (int i = 0; i < LiveAnswer.WAITING_NOTICE_UPDATES - 1; i++) {
            pacer.tick();
        }
        assertThat(calls).isEmpty();
        pacer.tick();
        assertThat(calls).containsExactly("draft " + LiveAnswerNotices.WAITING);
        pacer.tick();
        assertThat(calls).hasSize(1);
        answer.onText("Here it comes");
        pacer.tick();
        assertThat(calls).containsExactly("draft " + LiveAnswerNotices.WAITING, "draft Here it comes");
        answer.finish(Reply.answer("Here it comes.", "model · $0.001 · 12.0s"));
        assertThat(posted).singleElement().satisfies(m -> assertThat(m.kind()).isEqualTo(dev.chorus.store.Outbox.Kind.SEND));
    }
}
