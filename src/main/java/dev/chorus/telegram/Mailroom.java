package dev.chorus.telegram;

import dev.chorus.store.Outbox;
import java.util.List;

/** Where chat outputs hand their messages: written to the outbox, then the sender is woken. */
@FunctionalInterface
interface Mailroom {
    void post(long chatId, List<Outbox.Message> messages);

    static Mailroom of(Outbox outbox, OutboxSender sender) {
        return (chatId, messages) -> {
            outbox.enqueue(chatId, messages);
            sender.wake();
        };
    }
}
