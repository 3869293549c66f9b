package dev.chorus.orchestration.learning;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sufficient statistics of everything rated so far: per model, the weighted residuals (rating
 * minus prior) overall and per question feature; over all ratings, how many held each feature. Sums
 * only, so the state after a set of rating events does not depend on their order, a replaced rating
 * is taken out exactly, and a rebuild from the events gives the same state.
 *
 * <p>Old evidence decays: a rating at time t weighs {@code e^((t - EPOCH)/TAU)}, and estimates divide
 * by the weight of the newest rating, so a rating {@link #TAU_SECONDS} older than the newest counts
 * 1/e. The clock is the ratings' own, never the wall clock: the same ratings give the same choices
 * after a restart, on any day. Not thread-safe: {@link LearnedQuality} locks.
 */
final class QualityStats {
    static final long EPOCH_SECONDS = 1_767_225_600L; // 2026-01-01T00:00:00Z
    /** 90 days: a model changed behind the same name is re-learned within a season. */
    static final double TAU_SECONDS = 90 * 86_400.0;

    private final Map<String, ModelStats> models = new TreeMap<>();
    /** Per model and domain, plain counts for /stats: ratings, good ones, costed ones, their cost, costed good ones. */
    private final Map<String, long[]> tallies = new TreeMap<>();
    private FeatureTable documents = new FeatureTable();
    private long ratings;
    private long newestSecond = Long.MIN_VALUE;
    private long watermark;

    /**
     * What a feature every rated question has still counts: where all rated questions are alike (all
     * limericks) their ratings speak for the next one; where kinds are mixed, it barely blurs them.
     */
    static final double FLOOR = 0.05;

    static double weightAt(long epochSecond) {
        return Math.exp((epochSecond - EPOCH_SECONDS) / TAU_SECONDS);
    }

    /** Adds ({@code sign} 1) or removes (-1) one rating of {@code model}: residual = rating - prior, both 0..1. */
    void apply(String model, QuestionFeatures features, double residual, long epochSecond, int sign) {
        double w = sign * weightAt(epochSecond);
        ModelStats m = models.computeIfAbsent(model, k -> new ModelStats());
        m.weight += w;
        m.residual += w * residual;
        m.count += sign;
        int[] ids = features.ids();
        for (int id : ids) {
            m.features.add(id, w, w * residual);
        }
        if (sign > 0) {
            newestSecond = Math.max(newestSecond, epochSecond);
        }
    }

    /** Counts one rating of {@code model} in {@code domain} for /stats. */
    void tally(String model, String domain, boolean good, long costMicros, int sign) {
        long[] t = tallies.computeIfAbsent(model + '\u0000' + domain, k -> new long[5]);
        t[0] += sign;
        t[1] += good ? sign : 0;
        if (costMicros >= 0) {
            t[2] += sign;
            t[3] += sign * costMicros;
            t[4] += good ? sign : 0;
        }
    }

    Map<String, long[]> tallies() {
        return tallies;
    }

    /** Counts a rated question's features once per rating event, for how rare each feature is. */
    void countDocument(QuestionFeatures features, int sign) {
        ratings += sign;
        for (int id : features.ids()) {
            documents.add(id, sign, 0);
        }
    }

    /**
     * How telling each feature of a question is: idf squared, as in the dot product of two tf-idf
     * vectors, so a word every question has counts for little and a rare one for much.
     */
    float[] importance(QuestionFeatures features) {
        return weigh(features, FLOOR);
    }

    /** How telling each feature is, without the floor: what counts toward "ratings of similar questions". */
    float[] telling(QuestionFeatures features) {
        return weigh(features, 0);
    }

    private float[] weigh(QuestionFeatures features, double floor) {
        int[] ids = features.ids();
        float[] kind = features.weights();
        float[] a = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int slot = documents.find(ids[i]);
            double df = slot < 0 ? 0 : documents.weightAt(slot);
            double idf = Math.log((ratings + 1) / (1 + Math.max(0, df)));
            a[i] = (float) (kind[i] * (idf * idf + floor));
        }
        return a;
    }

    ModelStats model(String id) {
        return models.get(id);
    }

    Map<String, ModelStats> models() {
        return models;
    }

    /** The weight of the newest rating: estimates are in units of it. */
    double scale() {
        return newestSecond == Long.MIN_VALUE ? 1 : weightAt(newestSecond);
    }

    long ratings() {
        return ratings;
    }

    long watermark() {
        return watermark;
    }

    void watermark(long eventId) {
        watermark = Math.max(watermark, eventId);
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(watermark);
        out.writeLong(ratings);
        out.writeLong(newestSecond);
        documents.write(out);
        out.writeInt(models.size());
        for (Map.Entry<String, ModelStats> e : models.entrySet()) {
            out.writeUTF(e.getKey());
            ModelStats m = e.getValue();
            out.writeLong(m.count);
            out.writeDouble(m.weight);
            out.writeDouble(m.residual);
            m.features.write(out);
        }
        out.writeInt(tallies.size());
        for (Map.Entry<String, long[]> e : tallies.entrySet()) {
            out.writeUTF(e.getKey());
            for (long v : e.getValue()) {
                out.writeLong(v);
            }
        }
    }

    static QualityStats read(DataInput in) throws IOException {
        QualityStats stats = new QualityStats();
        stats.watermark = in.readLong();
        stats.ratings = in.readLong();
        stats.newestSecond = in.readLong();
        stats.documents = FeatureTable.read(in);
        int models = in.readInt();
        for (int i = 0; i < models; i++) {
            String id = in.readUTF();
            ModelStats m = new ModelStats();
            m.count = in.readLong();
            m.weight = in.readDouble();
            m.residual = in.readDouble();
            m.features = FeatureTable.read(in);
            stats.models.put(id, m);
        }
        int tallies = in.readInt();
        for (int i = 0; i < tallies; i++) {
            String key = in.readUTF();
            long[] t = new long[5];
            for (int k = 0; k < t.length; k++) {
                t[k] = in.readLong();
            }
            stats.tallies.put(key, t);
        }
        return stats;
    }

    /** One model's sums. */
    static final class ModelStats {
        long count;
        double weight;
        double residual;
        FeatureTable features = new FeatureTable();
    }
}
