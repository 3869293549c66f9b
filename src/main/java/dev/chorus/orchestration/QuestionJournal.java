package dev.chorus.orchestration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Questions being answered, kept where a crash cannot erase them, so that after a restart each one
 * is answered again or offered again instead of silently dropped. A question is written only once
 * it has been routed to a model: one that waits for consent to send private data stays in memory.
 * The store implements this.
 */
public interface QuestionJournal {
    /** Records a question whose answer is starting; returns its id. */
    long started(JournaledQuestion question);

    /** The group message that shows the answer as it grows, to be fixed up after a crash. */
    void previewShown(long id, int messageId);

    /** Its reply is on its way (in the outbox): nothing more to do after a restart. */
    void finished(long id);

    /** Questions a process that stopped was answering, now taken over by this one, oldest first. */
    default List<Unfinished> unfinished() {
        return unfinished(chatId -> true);
    }

    /**
     * Like {@link #unfinished()}, but only of the chats {@code mine} accepts: with replicas, a
     * question is taken over by its chat's owner, so it is answered in the chat's order.
     * {@code mine} is asked before a question is taken over, and may take the chat.
     */
    List<Unfinished> unfinished(java.util.function.LongPredicate mine);

    /** Like {@link #unfinished()}, of one chat only: for a chat that just moved to this process. */
    List<Unfinished> unfinishedIn(long chatId);

    /** A question this process took over but cannot answer after all: free for the next process that looks. */
    void letGo(long id);

    /** The question was offered again with a button; it waits for that press. */
    void offered(long id);

    /** Takes an offered question to run again; empty when it was taken already or is unknown. */
    Optional<Unfinished> takeOffered(long id);

    /** A question runs again after a restart. */
    void rerun(long id);

    /**
     * A question as the chat asked it.
     *
     * @param messageId the user's message (answers in groups reply to it), or null
     * @param repliedToBot the bot message the user replied to, or null
     * @param cloudAllowed the user agreed to send its private data to a cloud model
     * @param command how it was asked: {@code ask}, {@code multi} or {@code multi <strategy>}
     * @param confirmed the asker agreed to a dear run's cost already
     */
    record JournaledQuestion(long chatId, long userId, boolean inGroup, String text, Integer messageId,
                             Integer repliedToBot, boolean cloudAllowed, String command, boolean confirmed) {
        public static final String ASK = "ask";

        public JournaledQuestion {
            command = command == null ? ASK : command;
        }
    }

    /** A question found unfinished. {@code runs} counts how often it was started. */
    record Unfinished(long id, JournaledQuestion question, Integer previewMessageId, int runs, Instant startedAt) {
    }
}
