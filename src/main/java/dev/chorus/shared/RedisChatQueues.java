package dev.chorus.shared;

import io.lettuce.core.LMoveArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChatQueues} in Redis. A chat's items wait in a Redis list; the replica that owns the chat
 * (a key with this replica's name, set only if absent, expiring unless renewed) takes them off
 * in order and hands them to its handler. A replica that was offered an item for a chat another
 * one owns tells the owner over pub/sub. A chat stays with its owner while it has work and for
 * {@code affinity} after, so what a replica keeps in memory about a chat (a question waiting for
 * consent) stays where the chat's next update goes.
 *
 * <p>A taken item sits in its taker's taken list for the chat until its work starts; if the owner
 * dies, its key and its own "alive" key expire, another replica takes the chat and puts those
 * items back at the front, so an update that never began is not lost (a replica that is alive
 * keeps what it took, even if it lost the chat meanwhile, so nothing is handled twice) (work that began is the work's to recover: a question is
 * journaled). When Redis does not answer, items are handled at once by the replica they reached
 * (each replica keeps its own order), said once in the log, and Redis is tried again after
 * {@link #RETRY}. Thread-safe.
 */
public final class RedisChatQueues implements ChatQueues {
    private static final Logger log = LoggerFactory.getLogger(RedisChatQueues.class);
    static final Duration RETRY = Duration.ofSeconds(5);
    // Longer than the limits' half second: giving up on Redis here gives up the chats' order for a
    // while, so a busy moment must not count as Redis being down (a Redis that is down refuses at once).
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final String PREFIX = "chorus:chat:";
    private static final String WAITING = "chorus:chats-waiting";
    private static final String CHANNEL = "chorus:chat-work";
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end""";
    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end""";
    private static final String FORGET_IF_EMPTY = """
            if redis.call('llen', KEYS[1]) == 0 and redis.call('llen', KEYS[2]) == 0
            then return redis.call('srem', KEYS[3], ARGV[1]) else return 0 end""";

    private final String me;
    private final Duration lease;
    private final Duration affinity;
    private final RedisClient client;
    private final Map<Long, Owned> owned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-queues").daemon().factory());
    // renewing on a thread of its own: a slow sweep of many chats must never let an owned chat's key expire
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("chat-queues-renew").daemon().factory());
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long retryAtNanos;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile StatefulRedisPubSubConnection<String, String> pubsub;
    private volatile Handler handler;

    /** One chat this replica owns: its work in progress, and when it last had any. */
    private static final class Owned {
        final ReentrantLock draining = new ReentrantLock();
        final AtomicInteger inFlight = new AtomicInteger();
        volatile long idleSinceNanos = System.nanoTime();

        /**
         * One more piece of work on the chat in hand: the chat is not given up as idle until the
         * returned action has run ({@code whenDone} first). Running it again does nothing.
         */
        Runnable inHand(Runnable whenDone) {
            inFlight.incrementAndGet();
            AtomicBoolean over = new AtomicBoolean();
            return () -> {
                if (over.compareAndSet(false, true)) {
                    whenDone.run();
                    idleSinceNanos = System.nanoTime();
                    inFlight.decrementAndGet();
                }
            };
        }
    }

    /**
     * @param url      such as {@code redis://localhost:6379}
     * @param me       this replica's name
     * @param lease    how long a chat stays with a replica that stopped renewing it
     * @param affinity how long an idle chat stays with its replica
     */
    public RedisChatQueues(String url, String me, Duration lease, Duration affinity) {
        this.me = me;
        this.lease = lease;
        this.affinity = affinity;
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(TIMEOUT);
        this.client = RedisClient.create(uri);
        client.setOptions(io.lettuce.core.ClientOptions.builder()
                .socketOptions(io.lettuce.core.SocketOptions.builder().connectTimeout(TIMEOUT).build()).build());
    }

    @Override
    public void start(Handler handler) {
        this.handler = handler;
        long renew = Math.max(200, lease.toMillis() / 10);
        redis(); // connected and subscribed before the first item
        // at once: the first round also says this replica is alive
        renewer.scheduleWithFixedDelay(this::renewAndRelease, 0, renew, TimeUnit.MILLISECONDS);
        // chats whose owner died: their key expired with items still waiting
        timer.scheduleWithFixedDelay(this::sweep, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    @Override
    public void offer(long chatId, String item) {
        RedisCommands<String, String> redis = redis();
        if (redis != null) {
            try {
                redis.rpush(queue(chatId), item);
                redis.sadd(WAITING, String.valueOf(chatId));
                pump(chatId, redis, true);
                return;
            } catch (RuntimeException e) {
                down(e);
            }
        }
        handler.handle(chatId, item, () -> { }, () -> { });
    }

    @Override
    public boolean begin(long updateId) {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null || down.get()) {
            return true;
        }
        try {
            // kept as long as Telegram may post an update again
            return "OK".equals(open.sync().set("chorus:update-begun:" + updateId, me,
                    SetArgs.Builder.nx().px(Duration.ofDays(2).toMillis())));
        } catch (RuntimeException e) {
            down(e);
            return true;
        }
    }

    @Override
    public boolean owns(long chatId) {
        if (owned.containsKey(chatId)) {
            return true;
        }
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            return true;
        }
        try {
            take(chatId, redis);
            return false;
        } catch (RuntimeException e) {
            down(e);
            return true;
        }
    }

    @Override
    public Runnable hold(long chatId) {
        Owned chat = owned.get(chatId);
        if (chat == null) {
            return () -> { };
        }
        Runnable release = chat.inHand(() -> { });
        if (owned.get(chatId) != chat) {
            // given up in between, as idle: holding what is no longer ours would keep nothing
            release.run();
            return () -> { };
        }
        return release;
    }

    /** Takes the chat if nobody has it and hands out its items; else tells its owner (when {@code tell}). */
    private void pump(long chatId, RedisCommands<String, String> redis, boolean tell) {
        if (!owned.containsKey(chatId) && !take(chatId, redis)) {
            if (tell) {
                redis.publish(CHANNEL, String.valueOf(chatId));
            }
            return;
        }
        drain(chatId, redis);
    }

    /**
     * Makes the chat this replica's if nobody has it; false when another replica does. Its items are
     * handed out only once it is in {@link #owned}: after the handler was told (which queues the
     * chat's earlier work first) and a gone replica's taken items are back in the queue.
     */
    private boolean take(long chatId, RedisCommands<String, String> redis) {
        String taken = redis.set(ownerKey(chatId), me, SetArgs.Builder.nx().px(lease.toMillis()));
        if (!"OK".equals(taken)) {
            return false;
        }
        try {
            handler.owned(chatId);
            takeBackFromTheDead(chatId, redis);
        } finally {
            // ours either way: renewed, drained, and given up when idle, never left to lapse unseen
            owned.putIfAbsent(chatId, new Owned());
        }
        return true;
    }

    /**
     * Items a replica that is gone had taken but never started go back to the front, in order. Only a
     * gone one's: a live replica that lost the chat still has its taken items in hand and runs them.
     */
    private void takeBackFromTheDead(long chatId, RedisCommands<String, String> redis) {
        for (String taker : redis.smembers(takersKey(chatId))) {
            if (taker.equals(me) || redis.exists(aliveKey(taker)) > 0) {
                continue;
            }
            int back = 0;
            while (redis.lmove(takenKey(chatId, taker), queue(chatId), LMoveArgs.Builder.rightLeft()) != null) {
                back++;
            }
            redis.srem(takersKey(chatId), taker);
            if (back > 0) {
                log.warn("chat {}: {} updates taken by replica {}, which stopped, are handled again", chatId, back,
                        taker);
            }
        }
    }

    private void drain(long chatId, RedisCommands<String, String> redis) {
        Owned chat = owned.get(chatId);
        if (chat == null) {
            return;
        }
        chat.draining.lock();
        try {
            String item;
            boolean known = false;
            while ((item = redis.lmove(queue(chatId), takenKey(chatId, me), LMoveArgs.Builder.leftRight())) != null) {
                if (!known) {
                    redis.sadd(takersKey(chatId), me);
                    known = true;
                }
                String taken = item;
                handler.handle(chatId, taken, () -> untake(chatId, taken), chat.inHand(() -> untake(chatId, taken)));
            }
            redis.eval(FORGET_IF_EMPTY, ScriptOutputType.INTEGER,
                    new String[] {queue(chatId), takenKey(chatId, me), WAITING}, String.valueOf(chatId));
        } finally {
            chat.draining.unlock();
        }
    }

    /**
     * The item's work began: it leaves the taken list. Tried even while Redis is taken to be down,
     * since an item left there would be handled again by the chat's next owner.
     */
    private void untake(long chatId, String item) {
        StatefulRedisConnection<String, String> open = connection;
        if (open == null) {
            return;
        }
        try {
            open.sync().lrem(takenKey(chatId, me), 1, item);
        } catch (RuntimeException e) {
            down(e);
        }
    }

    /** Keeps the chats this replica owns; gives up those idle longer than the affinity. */
    private void renewAndRelease() {
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            return;
        }
        try {
            redis.set(aliveKey(me), "1", SetArgs.Builder.px(lease.toMillis()));
            long now = System.nanoTime();
            for (Map.Entry<Long, Owned> entry : owned.entrySet()) {
                long chatId = entry.getKey();
                Owned chat = entry.getValue();
                boolean idle = chat.inFlight.get() == 0 && now - chat.idleSinceNanos > affinity.toNanos();
                if (idle && chat.draining.tryLock()) {
                    try {
                        owned.remove(chatId);
                        if (chat.inFlight.get() > 0) {
                            owned.put(chatId, chat); // held meanwhile (see hold): kept
                            continue;
                        }
                        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {ownerKey(chatId)}, me);
                    } finally {
                        chat.draining.unlock();
                    }
                    // an item offered while it was being given up: take the chat again
                    if (redis.llen(queue(chatId)) > 0) {
                        pump(chatId, redis, false);
                    }
                    continue;
                }
                Long kept = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {ownerKey(chatId)}, me,
                        String.valueOf(lease.toMillis()));
                if (kept == null || kept == 0) {
                    owned.remove(chatId);
                    log.warn("chat {} was taken by another replica (this one missed renewing it)", chatId);
                }
            }
        } catch (RuntimeException e) {
            down(e);
        }
    }

    private void sweep() {
        RedisCommands<String, String> redis = redis();
        if (redis == null) {
            return;
        }
        try {
            for (String waiting : redis.smembers(WAITING)) {
                long chatId = Long.parseLong(waiting);
                if (owned.containsKey(chatId)) {
                    drain(chatId, redis);
                } else if (redis.exists(ownerKey(chatId)) == 0) {
                    pump(chatId, redis, false);
                }
            }
        } catch (RuntimeException e) {
            down(e);
        }
    }

    /** The connection, connecting if needed; null while Redis is taken to be down. */
    private RedisCommands<String, String> redis() {
        if (down.get() && System.nanoTime() < retryAtNanos) {
            return null;
        }
        try {
            StatefulRedisConnection<String, String> open = connection;
            if (open == null) {
                synchronized (this) {
                    if (connection == null) {
                        connection = client.connect();
                        subscribe();
                    }
                    open = connection;
                }
            }
            RedisCommands<String, String> redis = open.sync();
            if (down.compareAndSet(true, false)) {
                log.info("Redis answers again: chats' updates are ordered across replicas again");
            }
            return redis;
        } catch (RuntimeException e) {
            down(e);
            return null;
        }
    }

    private void subscribe() {
        StatefulRedisPubSubConnection<String, String> subscription = client.connectPubSub();
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                long chatId;
                try {
                    chatId = Long.parseLong(message);
                } catch (NumberFormatException e) {
                    return;
                }
                if (owned.containsKey(chatId)) {
                    // off Lettuce's event loop: draining talks to Redis
                    Thread.startVirtualThread(() -> {
                        RedisCommands<String, String> redis = redis();
                        if (redis != null) {
                            try {
                                drain(chatId, redis);
                            } catch (RuntimeException e) {
                                down(e);
                            }
                        }
                    });
                }
            }
        });
        subscription.sync().subscribe(CHANNEL);
        pubsub = subscription;
    }

    private void down(RuntimeException e) {
        if (Interruption.caused(e)) {
            return; // stopping (shutdown), not Redis failing
        }
        retryAtNanos = System.nanoTime() + RETRY.toNanos();
        if (down.compareAndSet(false, true)) {
            log.warn("Redis does not answer ({}): each replica handles the updates it gets in its own order until "
                    + "it does", e.getClass().getSimpleName());
        }
    }

    private static String queue(long chatId) {
        return PREFIX + chatId + ":queue";
    }

    /** What {@code taker} took of the chat's items and has not begun. */
    private static String takenKey(long chatId, String taker) {
        return PREFIX + chatId + ":taken:" + taker;
    }

    /** The replicas that may have items of the chat taken. */
    private static String takersKey(long chatId) {
        return PREFIX + chatId + ":takers";
    }

    /** Present while {@code replica} is alive: renewed with its chats. */
    private static String aliveKey(String replica) {
        return "chorus:replica:" + replica;
    }

    private static String ownerKey(long chatId) {
        return PREFIX + chatId + ":owner";
    }

    /** Stops as a killed process would: nothing given back, the chats' keys left to expire. For tests. */
    void abandon() {
        timer.shutdownNow();
        renewer.shutdownNow();
        owned.clear();
        disconnect();
    }

    private void disconnect() {
        if (pubsub != null) {
            pubsub.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** Gives back every chat with no work in progress, so the others may take them at once. */
    @Override
    public void close() {
        timer.shutdownNow();
        renewer.shutdownNow();
        try {
            RedisCommands<String, String> redis = redis();
            if (redis != null) {
                for (Map.Entry<Long, Owned> entry : owned.entrySet()) {
                    if (entry.getValue().inFlight.get() == 0) {
                        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {ownerKey(entry.getKey())}, me);
                    }
                }
            }
        } catch (RuntimeException e) {
            // the keys expire
        }
        disconnect();
    }
}
