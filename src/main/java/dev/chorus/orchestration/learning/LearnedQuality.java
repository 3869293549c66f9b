package dev.chorus.orchestration.learning;

import dev.chorus.orchestration.analysis.TaskProfile;
import dev.chorus.orchestration.delegation.Capabilities;
import dev.chorus.orchestration.delegation.PriorQuality;
import dev.chorus.orchestration.delegation.QualityModel;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Expected quality learned from ratings: the prior, corrected by how a model's answers to questions
 * like this one were rated. Each feature of the question the model has ratings for votes with the
 * mean residual (rating minus prior) of those ratings; a vote weighs by how telling the feature is
 * (idf squared: a rare word much, a word every question has little) and by how many ratings stand
 * behind it (half at {@link #KERNEL_PSEUDO_COUNT}). So with no ratings the prior decides, and with
 * many ratings of similar questions they do. There is deliberately no overall per-model correction:
 * a model is mostly routed what it does well, so its ratings overall are biased upward, and such a
 * correction lifts it on exactly the questions it was kept away from.
 *
 * <p>The state is derived from the rating log ({@link RatingEvents}), applied in order and exactly
 * once; it is saved ({@link QualitySnapshots}) and rebuilt from the log when no snapshot of the
 * current features, prior and catalog exists. Thread-safe: routing reads under a read lock while
 * new ratings are applied.
 */
public final class LearnedQuality implements QualityModel, AutoCloseable {
    /** Changes whenever features, prior or estimate change meaning: an old snapshot is then rebuilt. */
    static final String VERSION = "kernel-4";
    static final double KERNEL_PSEUDO_COUNT = 2;
    private static final int BATCH = 2_000;
    private static final int SAVE_EVERY = 200;

    private final Function<String, TaskProfile> profiler;
    private final Function<String, Optional<ModelSpec>> catalog;
    private final RatingEvents events;
    private final QualitySnapshots snapshots;
    private final Capabilities capabilities;
    private final Map<String, ModelSpec> byId;
    private volatile String fingerprint;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object catchingUp = new Object();
    private QualityStats stats = new QualityStats();
    private long unsaved;

    /**
     * @param profiler the deterministic analyzer: rated questions are profiled the same way every time
     * @param models the catalog, for a rated model's prior
     */
    public LearnedQuality(Function<String, TaskProfile> profiler, List<ModelSpec> models, RatingEvents events,
                          QualitySnapshots snapshots) {
        this(profiler, models, Capabilities.CATALOG, events, snapshots);
    }

    /** @param capabilities the prior's capabilities: the catalog's, or with probed scores in their place */
    public LearnedQuality(Function<String, TaskProfile> profiler, List<ModelSpec> models, Capabilities capabilities,
                          RatingEvents events, QualitySnapshots snapshots) {
        this.profiler = profiler;
        this.capabilities = capabilities;
        this.byId = new TreeMap<>();
        models.forEach(m -> byId.put(m.id(), m));
        this.catalog = id -> Optional.ofNullable(byId.get(id));
        this.events = events;
        this.snapshots = snapshots;
        this.fingerprint = fingerprint(byId, capabilities);
    }

    /**
     * The prior changed (a probe measured a model): what was learned is relative to the old prior,
     * so it is rebuilt from the log against the new one. Routing goes on with the old state meanwhile.
     */
    public void recalibrate() {
        synchronized (catchingUp) {
            String now = fingerprint(byId, capabilities);
            if (now.equals(fingerprint)) {
                return;
            }
            fingerprint = now;
            QualityStats rebuilt = new QualityStats();
            replay(rebuilt);
            lock.writeLock().lock();
            try {
                stats = rebuilt;
            } finally {
                lock.writeLock().unlock();
            }
            save();
        }
    }

    /** Loads the saved state (or starts empty) and applies every rating logged since. */
    public LearnedQuality start() {
        Optional<QualityStats> saved = snapshots.load(fingerprint).flatMap(LearnedQuality::decode);
        if (saved.isPresent()) {
            QualityStats loaded = saved.get();
            lock.writeLock().lock();
            try {
                stats = loaded;
            } finally {
                lock.writeLock().unlock();
            }
        }
        catchUp();
        return this;
    }

    /** Applies the ratings logged since the last call; returns how many. Called after each new rating. */
    public int catchUp() {
        synchronized (catchingUp) {
            int applied = replay(stats);
            unsaved += applied;
            if (unsaved >= SAVE_EVERY) {
                save();
            }
            return applied;
        }
    }

    /** Ratings per domain and model (and /multi strategy), for /stats: derived from the same log, so never out of step. */
    public List<RatingTally> tallies() {
        lock.readLock().lock();
        try {
            List<RatingTally> list = new java.util.ArrayList<>();
            stats.tallies().forEach((key, t) -> {
                if (t[0] > 0) {
                    int split = key.indexOf('\u0000');
                    list.add(new RatingTally(key.substring(split + 1), key.substring(0, split), t[0], t[1], t[2], t[3],
                            t[4]));
                }
            });
            return list;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Saves the state now, so that the next start does not replay what is already in it. */
    public void save() {
        synchronized (catchingUp) {
            byte[] state;
            long through;
            lock.readLock().lock();
            try {
                state = encode(stats);
                through = stats.watermark();
            } finally {
                lock.readLock().unlock();
            }
            snapshots.save(fingerprint, through, state);
            unsaved = 0;
        }
    }

    @Override
    public void close() {
        if (unsaved > 0) {
            save();
        }
    }

    /**
     * Applies the events logged after {@code into}'s watermark, batch by batch; returns how many. The
     * live state is written under the lock, and profiling and features are done outside it, so
     * routing goes on meanwhile; a state being rebuilt apart needs no lock at all.
     */
    private int replay(QualityStats into) {
        boolean live = into == stats;
        int applied = 0;
        while (true) {
            List<RatingEvent> batch = events.after(watermarkOf(into), BATCH);
            if (batch.isEmpty()) {
                return applied;
            }
            List<Prepared> prepared = batch.stream().map(this::prepare).toList();
            if (live) {
                lock.writeLock().lock();
            }
            try {
                prepared.forEach(p -> p.applyTo(into));
            } finally {
                if (live) {
                    lock.writeLock().unlock();
                }
            }
            applied += batch.size();
        }
    }

    private long watermarkOf(QualityStats state) {
        lock.readLock().lock();
        try {
            return state.watermark();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Assessment assess(TaskProfile profile, String question) {
        QuestionFeatures features = QuestionFeatures.of(question, profile);
        QualityStats.Votes votes;
        lock.readLock().lock();
        try {
            votes = stats.votes(features, KERNEL_PSEUDO_COUNT);
        } finally {
            lock.readLock().unlock();
        }
        return new Assessment() {
            @Override
            public double expected(ModelSpec model) {
                return clamp(PriorQuality.expected(capabilities.of(model, profile.domain()), profile.complexity())
                        + votes.residual(model.id()));
            }

            @Override
            public double evidence(ModelSpec model) {
                return votes.evidence(model.id());
            }
        };
    }

    private static double clamp(double q) {
        return Math.max(0, Math.min(1, q));
    }

    private Prepared prepare(RatingEvent e) {
        return new Prepared(e.id(), contribution(e), e.replaced() == null ? null : contribution(e.replaced()));
    }

    private Contribution contribution(RatingEvent e) {
        TaskProfile profile = profiler.apply(e.question());
        QuestionFeatures features = QuestionFeatures.of(e.question(), profile);
        double[] residuals = new double[e.credited().size()];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = e.quality() - prior(e.credited().get(i), profile);
        }
        return new Contribution(e.credited(), features, residuals, e.at().getEpochSecond(), profile.domain().key(),
                e.score() >= RatingEvent.GOOD_FROM, e.costMicros());
    }

    private double prior(String credited, TaskProfile profile) {
        return catalog.apply(credited).map(m -> PriorQuality.expected(capabilities.of(m, profile.domain()),
                        profile.complexity()))
                // a strategy, or a model the catalog does not know: an even chance
                .orElseGet(() -> PriorQuality.expected(UNKNOWN_CAPABILITY, profile.complexity()));
    }

    static final double UNKNOWN_CAPABILITY = 0.5;

    private record Contribution(List<String> credited, QuestionFeatures features, double[] residuals, long second,
                                String domain, boolean good, long costMicros) {
        void applyTo(QualityStats stats, int sign) {
            stats.countDocument(features, sign);
            for (int i = 0; i < credited.size(); i++) {
                stats.apply(credited.get(i), features, residuals[i], second, sign);
                // the cost belongs to the answer, so to the model (or strategy) that led it
                stats.tally(credited.get(i), domain, good, i == 0 || credited.get(i).startsWith("strategy:")
                        ? costMicros : -1, sign);
            }
        }
    }

    private record Prepared(long id, Contribution added, Contribution removed) {
        void applyTo(QualityStats stats) {
            if (removed != null) {
                removed.applyTo(stats, -1);
            }
            added.applyTo(stats, 1);
            stats.watermark(id);
        }
    }

    private static String fingerprint(Map<String, ModelSpec> models, Capabilities capabilities) {
        StringBuilder sb = new StringBuilder(VERSION);
        models.forEach((id, m) -> {
            sb.append('|').append(id);
            for (Domain d : Domain.values()) {
                sb.append(',').append(capabilities.of(m, d));
            }
        });
        return VERSION + ":" + Integer.toHexString(sb.toString().hashCode()) + ":" + models.size();
    }

    private static byte[] encode(QualityStats stats) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
            stats.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The saved state, or empty when it cannot be read: it is then rebuilt from the log, which is the truth. */
    private static Optional<QualityStats> decode(byte[] state) {
        try (DataInputStream in = new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(state)))) {
            return Optional.of(QualityStats.read(in));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
