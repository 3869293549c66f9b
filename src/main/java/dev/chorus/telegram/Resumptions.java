package dev.chorus.telegram;

import dev.chorus.command.ChatCommands;
import dev.chorus.shared.ChatQueues;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Questions a stopped process left unfinished, answered again on their chats' lanes. With replicas,
 * a question is answered again only by its chat's owner, so it is answered in the chat's order,
 * never beside the owner's next answer: a chat nobody has is taken, and its questions are then
 * answered first on its lane, ahead of its waiting updates ({@link #chatMovedHere}).
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

    /** Takes over and queues every question left unfinished in the chats this replica has; how many. */
    int pickUpAbandoned() {
        List<ChatCommands.Resumption> unfinished = chats == null ? commands.unfinished()
                : commands.unfinished(chats::owns);
        if (!unfinished.isEmpty()) {
            log.warn("{} questions were being answered by a process that stopped; picking them up", unfinished.size());
        }
        for (ChatCommands.Resumption resumption : unfinished) {
            ChatSerialExecutor.Lane lane = new ChatSerialExecutor.Lane(resumption.chatId(), resumption.member());
            if (!executor.submit(lane, () -> answerAgain(resumption))) {
                letGo(resumption); // the chat's lane is full: the next look takes it again
            }
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
            List<ChatCommands.Resumption> unfinished;
            try {
                unfinished = commands.unfinishedIn(chatId);
            } catch (RuntimeException e) {
                // the store is not answering: the replica's regular look tries again
                log.warn("chat {}: cannot look for unfinished questions now ({})", chatId, e.getClass().getSimpleName());
                return;
            }
            for (ChatCommands.Resumption resumption : unfinished) {
                log.warn("chat {}: picking up a question a stopped replica was answering", chatId);
                answerAgain(resumption);
            }
        });
    }

    private void answerAgain(ChatCommands.Resumption resumption) {
        // the chat stays this replica's while it answers, however long since its last update
        Runnable release = chats == null ? () -> { } : chats.hold(resumption.chatId());
        try {
            resumption.work().accept(outputs.forChat(resumption.chatId(), resumption.replyTo()));
        } catch (RuntimeException e) {
            log.warn("chat {}: a question picked up could not be answered again ({}); left for the next look",
                    resumption.chatId(), e.getClass().getSimpleName());
            letGo(resumption);
        } finally {
            release.run();
        }
    }

    private static void letGo(ChatCommands.Resumption resumption) {
        try {
            resumption.letGo().run();
        } catch (RuntimeException e) {
            log.warn("chat {}: cannot hand a question back now ({}); it is answered after this replica's restart",
                    resumption.chatId(), e.getClass().getSimpleName());
        }
    }
}
