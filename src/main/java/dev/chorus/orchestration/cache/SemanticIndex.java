package dev.chorus.orchestration.cache;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The embeddings of one scope's kept questions, newest last, searched by brute force: a scope is one
 * chat (or one member of a group), whose recent questions number in the hundreds, so a scan of int8
 * vectors beats any index to build and keep. Vectors are quantised per vector (the largest component
 * maps to 127), which keeps the cosine within about 0.002 of the float one at a quarter of the
 * memory. Thread-safe.
 */
final class SemanticIndex {
    private final int capacity;
    private final ArrayDeque<Item> items = new ArrayDeque<>();

    SemanticIndex(int capacity) {
        this.capacity = capacity;
    }

    /** The closest kept question written after {@code since} at or above {@code threshold} whose key terms agree. */
    Optional<Match> nearest(float[] vector, KeyTerms terms, double threshold, Instant since, Synonyms synonyms) {
        Quantized query = Quantized.of(vector);
        List<Match> close = new ArrayList<>();
        synchronized (this) {
            for (Item item : items) {
                double similarity = item.at.isBefore(since) ? -1 : query.dot(item.vector);
                if (similarity >= threshold) {
                    close.add(new Match(item.questionKey, item.question, similarity));
                }
            }
        }
        // closest first; the word checks (which may embed the swapped words) run outside the lock
        close.sort(Comparator.comparingDouble(Match::similarity).reversed());
        for (Match m : close) {
            boolean alike = switch (terms.compare(KeyTerms.of(m.question()))) {
                case KeyTerms.Verdict.Alike a -> true;
                case KeyTerms.Verdict.Added a -> m.similarity() >= Math.max(threshold, KeyTerms.ADDITION_SIMILARITY);
                case KeyTerms.Verdict.Swapped s -> synonyms.same(s.mine(), s.theirs());
                case KeyTerms.Verdict.Different d -> false;
            };
            if (alike) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Whether two short phrases mean the same: "tall" and "height" do, "first" and "last" do not. */
    interface Synonyms {
        boolean same(String a, String b);
    }

    synchronized void add(String questionKey, String question, float[] vector, Instant at) {
        for (Iterator<Item> it = items.iterator(); it.hasNext(); ) {
            if (it.next().questionKey.equals(questionKey)) {
                it.remove();
            }
        }
        items.addLast(new Item(questionKey, question, Quantized.of(vector), at));
        while (items.size() > capacity) {
            items.removeFirst();
        }
    }

    synchronized int size() {
        return items.size();
    }

    /** A kept question close to the one asked, and how close (cosine, 0..1). */
    record Match(String questionKey, String question, double similarity) {
    }

    // The key terms are worked out only for the few items close enough to matter, not kept for all.
    private record Item(String questionKey, String question, Quantized vector, Instant at) {
    }

    private record Quantized(byte[] values, float scale) {
        static Quantized of(float[] v) {
            float max = 0;
            for (float x : v) {
                max = Math.max(max, Math.abs(x));
            }
            float scale = max == 0 ? 1 : max / 127f;
            byte[] q = new byte[v.length];
            for (int i = 0; i < v.length; i++) {
                q[i] = (byte) Math.round(v[i] / scale);
            }
            return new Quantized(q, scale);
        }

        double dot(Quantized other) {
            if (other.values.length != values.length) {
                return -1; // written by another embedding model: never close
            }
            int sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[i] * other.values[i];
            }
            return sum * (double) scale * other.scale;
        }
    }
}
