package dev.chorus.telegram;

import dev.chorus.command.ChatCommands;
import dev.chorus.shared.ChatQueues;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions a stopped process left unfinished, answered again on their chats' lanes. With replicas,
 * a question is answered again only by its chat's owner (a replica takes a chat nobody has), so it
 * is answered in the chat's order, never beside the owner's next answer.
 */
final class Resumptions {
    private static final Logger log = LoggerFactory.getLogger(Resumptions.class);

    private final ChatCommands commands;
    private final ChatSerialExecutor executor;
    private final Outputs outputs;
    private final ChatQueues chats; // null: this process alone handles its chats

    Resumptions(ChatCommands commands, ChatSerialExecutor executor, Outputs outputs, ChatQueues chats) {
        this.commands = commands;
        this.executor = executor;
        this.outputs = outputs;
        this.chats = chats;
    }

    /** Takes over and queues every question left unfinished (of the chats this replica has or takes); how many. */
    int pickUpAbandoned() {
        List<ChatCommands.Resumption> unfinished = chats == null ? commands.unfinished()
                : commands.unfinished(chats::claim);
        if (!unfinished.isEmpty()) {
            log.warn("{} questions were being answered by a process that stopped; picking them up", unfinished.size());
        }
        for (ChatCommands.Resumption resumption : unfinished) {
            executor.submit(new ChatSerialExecutor.Lane(resumption.chatId(), resumption.member()),
                    () -> resumption.work().accept(outputs.forChat(resumption.chatId(), resumption.replyTo())));
        }
        return unfinished.size();
    }

    /**
     * The chat just became this replica's: the questions a stopped replica left unfinished in it are
     * answered first, ahead of the chat's waiting updates (chat-wide: a group's members' later
     * updates wait too). Looked up on the chat's lane, not here: this runs on the chat queues' own
     * threads, which must not wait for the database.
     */
    void chatMovedHere(long chatId) {
        executor.submit(new ChatSerialExecutor.Lane(chatId, 0, true), () -> {
            try {
                for (ChatCommands.Resumption resumption : commands.unfinished(chat -> chat == chatId)) {
                    log.warn("chat {}: picking up a question a stopped replica was answering", chatId);
                    resumption.work().accept(outputs.forChat(chatId, resumption.replyTo()));
                }
            } catch (RuntimeException e) {
                // the store is not answering: the replica's regular pick-up tries again
                log.warn("chat {}: cannot look for unfinished questions now ({})", chatId, e.getClass().getSimpleName());
            }
        });
    }
}
