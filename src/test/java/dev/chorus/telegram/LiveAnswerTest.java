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
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The Bot API client is the seam; the pacing is LiveAnswer's own. */
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

    @Test
    void aGroupPreviewIsEditedAtMostAboutOnceASecondAndOnlyWhenTheTextChanged() throws Exception {
        TelegramClient client = mock(TelegramClient.class);
        List<Instant> edits = new ArrayList<>();
        List<String> editTexts = new ArrayList<>();
        Message preview = new Message();
        preview.setMessageId(11);
        when(client.execute(any(SendMessage.class))).thenReturn(preview);
        when(client.execute(any(EditMessageText.class))).thenAnswer(call -> {
            synchronized (edits) {
                edits.add(Instant.now());
                editTexts.add(call.getArgument(0, EditMessageText.class).getText());
            }
            return true;
        });
        TelegramGateway gateway = new TelegramGateway(client, d -> { });
        List<dev.chorus.store.Outbox.Message> posted = new ArrayList<>();
        TelegramChatOutput output = new TelegramChatOutput(-100L, 5, gateway, new MessageFormatter(),
                (chat, messages) -> posted.addAll(messages));

        LiveAnswer answer = LiveAnswer.start(-100L, 5, output, gateway, id -> { });
        long until = System.nanoTime() + Duration.ofMillis(3_600).toNanos();
        int words = 0;
        while (System.nanoTime() < until) {
            // a fast model: a word every 20 ms, far more often than Telegram allows edits
            answer.onText("word" + words++ + " ");
            Thread.sleep(20);
        }
        Thread.sleep(2_200); // the stream has stalled: nothing new to show, so no edit either
        answer.finish(Reply.answer("the final answer", "model · $0.001 · 1.0s"));

        List<Instant> previews;
        synchronized (edits) {
            previews = List.copyOf(edits);
        }
        // about 3.6 s of text, then a stall: 2 to 4 edits (the first preview is a sendMessage), never one per word
        assertThat(previews).hasSizeBetween(1, 4);
        for (int i = 1; i < previews.size(); i++) {
            assertThat(Duration.between(previews.get(i - 1), previews.get(i))).isGreaterThan(Duration.ofMillis(900));
        }
        assertThat(editTexts).doesNotHaveDuplicates();
        // the final answer goes through the outbox, as an edit that turns the preview into it
        assertThat(posted).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(dev.chorus.store.Outbox.Kind.EDIT);
            assertThat(m.editMessageId()).isEqualTo(11);
            assertThat(m.text()).contains("the final answer");
        });
    }
}
