package dev.chorus.orchestration.learning;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sufficient statistics of everything rated so far: per model, the weighted residuals (rating
 * minus prior) of the ratings of questions with each feature; over all ratings, how many held each
 * feature. Sums only, so the state after a set of rating events does not depend on their order, a
 * replaced rating is taken out exactly, and a rebuild from the events gives the same state.
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
    /**
     * What a feature every rated question has still counts: where all rated questions are alike (all
     * limericks) their ratings speak for the next one; where kinds are mixed, it barely blurs them.
     */
    static final double FLOOR = 0.05;

    private final List<String> modelIds = new ArrayList<>();
    private final Map<String, Integer> modelIndex = new HashMap<>();
    /** Per model and domain, plain counts for /stats: ratings, good ones, costed ones, their cost, costed good ones. */
    private final Map<String, long[]> tallies = new TreeMap<>();
    private FeatureIndex index = new FeatureIndex();
    private long ratings;
    private long newestSecond = Long.MIN_VALUE;
    private long watermark;

    static double weightAt(long epochSecond) {
        return Math.exp((epochSecond - EPOCH_SECONDS) / TAU_SECONDS);
    }

    /** Adds ({@code sign} 1) or removes (-1) one rating of {@code model}: residual = rating - prior, both 0..1. */
    void apply(String model, QuestionFeatures features, double residual, long epochSecond, int sign) {
        double w = sign * weightAt(epochSecond);
        int at = indexOf(model);
        for (int id : features.ids()) {
            index.add(id, at, w, w * residual);
        }
        if (sign > 0) {
            newestSecond = Math.max(newestSecond, epochSecond);
        }
    }

    private int indexOf(String model) {
        Integer at = modelIndex.get(model);
        if (at == null) {
            at = modelIds.size();
            modelIds.add(model);
            modelIndex.put(model, at);
        }
        return at;
    }

    /** Counts a rated question's features once per rating event, for how rare each feature is. */
    void countDocument(QuestionFeatures features, int sign) {
        ratings += sign;
        for (int id : features.ids()) {
            index.addDocument(id, sign);
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

    /**
     * What the ratings say about every rated model's answer to a question with {@code features}: per
     * model index, the residual and the evidence. Each feature a model has ratings for votes with
     * their mean residual, weighted by how telling the feature is (idf squared, plus {@link #FLOOR})
     * and by how many ratings stand behind it ({@code n / (n + pseudoCount)}); the evidence is the
     * ratings sharing the question's telling features, over all of them (unseen ones too).
     */
    Votes votes(QuestionFeatures features, double pseudoCount) {
        int models = modelIds.size();
        double[] votes = new double[models];
        double[] seen = new double[models];
        double[] support = new double[models];
        double scale = scale();
        double tellingMass = 0;
        int[] ids = features.ids();
        float[] kinds = features.weights();
        for (int i = 0; i < ids.length; i++) {
            int slot = index.find(ids[i]);
            double df = slot < 0 ? 0 : Math.max(0, index.documents(slot));
            double idf = Math.log((ratings + 1) / (1 + df));
            double telling = kinds[i] * idf * idf;
            tellingMass += telling;
            FeatureIndex.Postings p = slot < 0 ? null : index.postings(slot);
            if (p == null) {
                continue;
            }
            double a = kinds[i] * (idf * idf + FLOOR);
            for (int j = 0; j < p.size; j++) {
                double w = p.weight[j];
                double n = w / scale; // ratings with this feature, old ones counting less
                if (n < 1e-6) {
                    continue; // every rating with it was replaced
                }
                int m = p.models[j];
                votes[m] += a * n / (n + pseudoCount) * (p.residual[j] / w);
                seen[m] += a;
                support[m] += telling * n;
            }
        }
        double[] residual = new double[models];
        double[] evidence = new double[models];
        for (int m = 0; m < models; m++) {
            if (seen[m] > 0) {
                residual[m] = votes[m] / seen[m];
                evidence[m] = tellingMass > 0 ? support[m] / tellingMass : 0;
            }
        }
        return new Votes(modelIndex, residual, evidence);
    }

    /** The ratings' verdict on one question, per model. */
    record Votes(Map<String, Integer> index, double[] residual, double[] evidence) {
        double residual(String model) {
            Integer at = index.get(model);
            return at == null || at >= residual.length ? 0 : residual[at];
        }

        double evidence(String model) {
            Integer at = index.get(model);
            return at == null || at >= evidence.length ? 0 : evidence[at];
        }
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
        out.writeInt(modelIds.size());
        for (String id : modelIds) {
            out.writeUTF(id);
        }
        index.write(out);
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
        int ids = in.readInt();
        for (int i = 0; i < ids; i++) {
            stats.indexOf(in.readUTF());
        }
        stats.index = FeatureIndex.read(in);
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
}
