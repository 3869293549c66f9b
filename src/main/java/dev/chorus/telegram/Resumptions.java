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
    private final java.util.Queue<ChatCommands.Resumption> toHandBack = new java.util.concurrent.ConcurrentLinkedQueue<>();

    Resumptions(ChatCommands commands, ChatSerialExecutor executor, Outputs outputs, ChatQueues chats) {
        this.commands = commands;
        this.executor = executor;
        this.outputs = outputs;
        this.chats = chats;
    }

    /** Takes over and queues every question left unfinished in the chats this replica has; how many. */
    int pickUpAbandoned() {
        handBackWhatCouldNotBe();
        List<ChatCommands.Resumption> unfinished = chats == null ? commands.unfinished()
                : commands.unfinished(ownedBefore());
        if (!unfinished.isEmpty()) {
            log.warn("{} questions were being answered by a process that stopped; picking them up", unfinished.size());
        }
        for (ChatCommands.Resumption resumption : unfinished) {
            // held from now, not from when the lane gets to it: an idle chat could be given up in between
            Runnable release = hold(resumption.chatId());
            ChatSerialExecutor.Lane lane = new ChatSerialExecutor.Lane(resumption.chatId(), resumption.member());
            if (!executor.submit(lane, () -> answerAgain(resumption, release))) {
                release.run();
                letGo(resumption); // the chat's lane is full: the next look takes it again
            }
        }
        return unfinished.size();
    }

    /**
     * Which chats' questions this look takes: those this replica had already. A chat nobody had is
     * taken by asking, and its questions are then answered where it moved here ({@link #chatMovedHere}),
     * ahead of its waiting items; so are the rest of its questions in this look.
     */
    private java.util.function.LongPredicate ownedBefore() {
        java.util.Set<Long> notNow = new java.util.HashSet<>();
        return chatId -> {
            if (notNow.contains(chatId)) {
                return false;
            }
            if (chats.owns(chatId)) {
                return true;
            }
            notNow.add(chatId); // another live replica's, or taken just now
            return false;
        };
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
                answerAgain(resumption, hold(chatId));
            }
        });
    }

    /** Keeps the chat this replica's while its question is answered again, however long since its last update. */
    private Runnable hold(long chatId) {
        return chats == null ? () -> { } : chats.hold(chatId);
    }

    private void answerAgain(ChatCommands.Resumption resumption, Runnable release) {
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

    /**
     * Hands a question back for the next look. When even that fails (the store is not answering),
     * it is kept here and handed back by this replica's next look, so it never stays this live
     * replica's, which no other would take it from.
     */
    private void letGo(ChatCommands.Resumption resumption) {
        try {
            resumption.letGo().run();
        } catch (RuntimeException e) {
            log.warn("chat {}: cannot hand a question back now ({}); tried again on the next look",
                    resumption.chatId(), e.getClass().getSimpleName());
            toHandBack.add(resumption);
        }
    }

    private void handBackWhatCouldNotBe() {
        for (ChatCommands.Resumption resumption; (resumption = toHandBack.poll()) != null; ) {
            try {
                resumption.letGo().run();
            } catch (RuntimeException e) {
                toHandBack.add(resumption);
                return; // still not answering: the next look tries again
            }
        }
    }
}
