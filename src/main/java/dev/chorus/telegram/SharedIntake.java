package dev.chorus.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chorus.shared.ChatQueues;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/** Webhook updates through the replicas' shared chat queues, so each chat is handled by one replica, in order. */
final class SharedIntake {
    private static final Logger log = LoggerFactory.getLogger(SharedIntake.class);

    private SharedIntake() {
    }

    /**
     * Starts taking the items of the chats this replica owns; returns where the webhook's updates go:
     * each to its chat's queue, as JSON.
     *
     * @param movedHere told when a chat becomes this replica's, before its waiting items are handled
     */
    static Consumer<Update> start(ChatQueues chats, UpdateHandler updates, LongConsumer movedHere) {
        ObjectMapper json = new ObjectMapper();
        chats.start(new ChatQueues.Handler() {
            @Override
            public void handle(long chatId, String item, Runnable started, Runnable done) {
                Update update;
                try {
                    update = json.readValue(item, Update.class);
                } catch (java.io.IOException e) {
                    log.warn("chat {}: a queued update could not be read back; dropped", chatId);
                    done.run();
                    return;
                }
                long updateId = update.getUpdateId() == null ? -1 : update.getUpdateId();
                updates.consume(update, () -> {
                    if (updateId >= 0 && !chats.begin(updateId)) {
                        log.info("update {} was begun by another replica already; not again", updateId);
                        return false;
                    }
                    started.run();
                    return true;
                }, done);
            }

            @Override
            public void owned(long chatId) {
                updates.chatMovedHere(chatId);
                movedHere.accept(chatId);
            }
        });
        return update -> {
            Optional<Long> chat = UpdateHandler.chatOf(update);
            if (chat.isEmpty()) {
                updates.consume(List.of(update));
                return;
            }
            try {
                chats.offer(chat.get(), json.writeValueAsString(update));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write update " + update.getUpdateId() + " as JSON", e);
            }
        };
    }
}
