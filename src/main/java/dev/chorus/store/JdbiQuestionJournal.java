package dev.chorus.store;

import dev.chorus.orchestration.QuestionJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/**
 * {@link QuestionJournal} in the database. A question belongs to the process answering it; only once
 * that process stopped does another take it over and answer it again. A question counts as finished as soon as a reply to it is in
 * the outbox, even when the process died before marking it: the outbox delivers that reply, so
 * answering again would answer twice. Thread-safe.
 */
public final class JdbiQuestionJournal implements QuestionJournal {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JdbiQuestionJournal.class);
    private final QuestionDao dao;
    private final Database database;
    private final Clock clock;

    public JdbiQuestionJournal(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(QuestionDao.class);
        this.database = database;
        this.clock = clock;
    }

    @Override
    public long started(JournaledQuestion q) {
        return guard(() -> dao.insert(q.chatId(), q.userId(), q.inGroup(), q.text(), q.messageId(), q.repliedToBot(),
                q.cloudAllowed(), q.command(), q.confirmed(), clock.instant().toString(), database.replicaId()));
    }

    @Override
    public void previewShown(long id, int messageId) {
        run(() -> dao.preview(id, messageId));
    }

    @Override
    public void finished(long id) {
        run(() -> dao.setState(id, "done"));
    }

    @Override
    public List<Unfinished> unfinished(java.util.function.LongPredicate mine) {
        List<QuestionDao.Row> abandoned = guard(() -> {
            dao.closeAnswered();
            dao.prune(clock.instant().minus(Duration.ofDays(7)).toString());
            return dao.abandoned(database.replicaId(), database.aliveSince(), QuestionDao.ANY_CHAT);
        });
        return takeOver(abandoned, mine);
    }

    @Override
    public List<Unfinished> unfinishedIn(long chatId) {
        return takeOver(guard(() -> dao.abandoned(database.replicaId(), database.aliveSince(), chatId)),
                chat -> true);
    }

    @Override
    public void letGo(long id) {
        run(() -> dao.letGo(id, database.replicaId()));
    }

    /**
     * Takes each over first, so of replicas looking at once only one answers it again. When the
     * store stops answering half-way, what was taken is returned (to be answered) and the rest is
     * left for the next look.
     */
    private List<Unfinished> takeOver(List<QuestionDao.Row> abandoned, java.util.function.LongPredicate mine) {
        List<Unfinished> taken = new java.util.ArrayList<>();
        for (QuestionDao.Row row : abandoned) {
            try {
                if (mine.test(row.chatId()) && dao.takeOver(row.id(), row.owner(), database.replicaId()) > 0) {
                    taken.add(unfinished(row));
                }
            } catch (JdbiException e) {
                log.warn("cannot take over unfinished question {} now ({}); looked for again later", row.id(),
                        e.getClass().getSimpleName());
                break;
            }
        }
        return taken;
    }

    @Override
    public void offered(long id) {
        run(() -> dao.setState(id, "offered"));
    }

    @Override
    public Optional<Unfinished> takeOffered(long id) {
        return guard(() -> dao.take(id, database.replicaId()) > 0 ? dao.find(id).map(JdbiQuestionJournal::unfinished) : Optional.empty());
    }

    @Override
    public void rerun(long id) {
        run(() -> dao.rerun(id, clock.instant().toString()));
    }

    private static Unfinished unfinished(QuestionDao.Row r) {
        return new Unfinished(r.id(), new JournaledQuestion(r.chatId(), r.userId(), r.inGroup(), r.text(), r.messageId(),
                r.repliedToBot(), r.cloudAllowed(), r.command(), r.confirmed()), r.previewMessageId(), r.runs(), Instant.parse(r.startedAt()));
    }

    private static void run(Runnable action) {
        guard(() -> {
            action.run();
            return null;
        });
    }

    private static <T> T guard(Supplier<T> action) {
        try {
            return action.get();
        } catch (JdbiException e) {
            throw new StoreException("cannot read or write questions in progress", e);
        }
    }
}
