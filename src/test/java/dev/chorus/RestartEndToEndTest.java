package dev.chorus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chorus.testing.BotCall;
import dev.chorus.testing.BotHarness;
import dev.chorus.testing.TelegramUser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot is stopped and started again on the same database: a reply to an answer from before still has its context. */
class RestartEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aReplyAfterARestartContinuesTheConversation() throws Exception {
        TelegramUser user = new TelegramUser(4101, "Ria", "ria");
        int answerId;
        try (BotHarness before = BotHarness.start(dir, "model.default=auto", "model.fallbacks=")) {
            long mark = before.telegram.mark();
            before.telegram.sendPrivate(BotHarness.TOKEN, user, "My cat is called Biscuit");
            answerId = before.telegram.awaitMessages(mark, user.id(), 1).getFirst().result().path("message_id").asInt();
            // a newer conversation becomes the chat's current one: only the reply can lead back to Biscuit
            before.telegram.sendPrivate(BotHarness.TOKEN, user, "/new");
            before.telegram.sendPrivate(BotHarness.TOKEN, user, "My dog is called Rex");
            before.telegram.awaitMessages(mark, user.id(), 3);
        }

        try (BotHarness after = BotHarness.start(dir, "model.default=auto", "model.fallbacks=")) {
            long mark = after.telegram.mark();
            after.telegram.sendPrivateReply(BotHarness.TOKEN, user, "What is my cat called?", answerId);
            BotCall answer = after.telegram.awaitMessages(mark, user.id(), 1).getFirst();
            assertThat(answer.text()).contains("<i>— ");
            List<JsonNode> requests = new ArrayList<>(after.openAi.requests());
            requests.addAll(after.backup.requests());
            JsonNode followUp = requests.stream().filter(r -> r.toString().contains("What is my cat called?"))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(followUp.path("messages").toString()).contains("My cat is called Biscuit",
                    "Rust is a memory-safe systems language.").doesNotContain("Rex");
        }
    }
}
