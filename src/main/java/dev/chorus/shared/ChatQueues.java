package dev.chorus.shared;

/**
 * Work of many chats, spread over replicas: every item of one chat is handled by one replica at a
 * time, in the order it was offered, whichever replica it was offered to. Items are opaque text
 * (an update as JSON).
 */
public interface ChatQueues extends AutoCloseable {
    /** Queues {@code item} behind the chat's earlier ones. Never throws: it degrades instead. */
    void offer(long chatId, String item);

    /**
     * Whether the work of update {@code updateId} may begin here: true the first time any replica
     * asks, so an update handed out twice (a replica's answer lost in a Redis time-out, a hand-over)
     * is worked on once. True also when that cannot be known (Redis not answering).
     */
    default boolean begin(long updateId) {
        return true;
    }

    /**
     * Whether the chat is this replica's already; true also when that cannot be known (Redis not
     * answering: then each replica works on its own). A chat nobody has is taken first, and the
     * handler told ({@link Handler#owned}) as when an item comes: false then, since that is where
     * the chat's earlier work is picked up, ahead of its waiting items. False too while another
     * live replica has it.
     */
    default boolean owns(long chatId) {
        return true;
    }

    /**
     * Keeps the chat this replica's until the returned action runs, as an item in hand does: for
     * work on the chat that did not come as an item (a question answered again).
     */
    default Runnable hold(long chatId) {
        return () -> { };
    }

    /** Starts handing this replica's share of the items to {@code handler}. */
    void start(Handler handler);

    @Override
    void close();

    /** Takes one item; must not block (it queues the work and returns). */
    interface Handler {
        /**
         * @param started to run when the work begins: from then on the item is the work's to
         *                finish (a question journals itself), and is no longer re-queued if this
         *                replica dies
         * @param done    to run when the work is over, however it ended
         */
        void handle(long chatId, String item, Runnable started, Runnable done);

        /** This replica has taken the chat over (from none, or from another replica). */
        default void owned(long chatId) {
        }
    }
}
