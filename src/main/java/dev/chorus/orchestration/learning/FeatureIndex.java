package dev.chorus.orchestration.learning;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Per feature id: in how many rated questions it was, and its postings, the sums of every model
 * rated on a question with it (evidence weight and weighted residual). Inverted, feature first, so
 * that assessing a question reads one slot per feature and then that feature's models side by side,
 * instead of probing one table per model (at 200 models, cache misses made that several
 * milliseconds). Open addressing over primitive arrays; postings sorted by model index. Not
 * thread-safe: the owner locks.
 */
final class FeatureIndex {
    private static final int FREE = 0; // feature ids are never 0 (see QuestionFeatures)
    private int[] keys = new int[1024];
    private double[] documents = new double[1024];
    private Postings[] postings = new Postings[1024];
    private int size;

    /** The slot of {@code key}, or -1 when no rated question had it. */
    int find(int key) {
        int mask = keys.length - 1;
        int slot = key & mask;
        while (true) {
            int k = keys[slot];
            if (k == key) {
                return slot;
            }
            if (k == FREE) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    double documents(int slot) {
        return documents[slot];
    }

    Postings postings(int slot) {
        return postings[slot];
    }

    void addDocument(int key, int sign) {
        int slot = slotOf(key); // first: it may grow the arrays
        documents[slot] += sign;
    }

    void add(int key, int model, double weight, double residual) {
        int slot = slotOf(key);
        if (postings[slot] == null) {
            postings[slot] = new Postings();
        }
        postings[slot].add(model, weight, residual);
    }

    private int slotOf(int key) {
        if ((size + 1) * 4 >= keys.length * 3) {
            grow();
        }
        int mask = keys.length - 1;
        int slot = key & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (keys[slot] == FREE) {
            keys[slot] = key;
            size++;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        double[] oldDocuments = documents;
        Postings[] oldPostings = postings;
        keys = new int[oldKeys.length * 2];
        documents = new double[keys.length];
        postings = new Postings[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = oldKeys[i] & mask;
                while (keys[slot] != FREE) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                documents[slot] = oldDocuments[i];
                postings[slot] = oldPostings[i];
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] == FREE) {
                continue;
            }
            out.writeInt(keys[i]);
            out.writeDouble(documents[i]);
            Postings p = postings[i];
            int n = p == null ? 0 : p.size;
            out.writeInt(n);
            for (int j = 0; j < n; j++) {
                out.writeInt(p.models[j]);
                out.writeDouble(p.weight[j]);
                out.writeDouble(p.residual[j]);
            }
        }
    }

    static FeatureIndex read(DataInput in) throws IOException {
        FeatureIndex index = new FeatureIndex();
        int size = in.readInt();
        for (int i = 0; i < size; i++) {
            int key = in.readInt();
            int slot = index.slotOf(key);
            index.documents[slot] = in.readDouble();
            int n = in.readInt();
            if (n > 0) {
                Postings p = new Postings(n);
                for (int j = 0; j < n; j++) {
                    p.models[j] = in.readInt();
                    p.weight[j] = in.readDouble();
                    p.residual[j] = in.readDouble();
                }
                p.size = n;
                index.postings[slot] = p;
            }
        }
        return index;
    }

    /** One feature's models, by model index. */
    static final class Postings {
        int[] models;
        double[] weight;
        double[] residual;
        int size;

        Postings() {
            this(2);
        }

        Postings(int capacity) {
            models = new int[capacity];
            weight = new double[capacity];
            residual = new double[capacity];
        }

        void add(int model, double w, double r) {
            int at = Arrays.binarySearch(models, 0, size, model);
            if (at >= 0) {
                weight[at] += w;
                residual[at] += r;
                return;
            }
            at = -at - 1;
            if (size == models.length) {
                int capacity = size * 2;
                models = Arrays.copyOf(models, capacity);
                weight = Arrays.copyOf(weight, capacity);
                residual = Arrays.copyOf(residual, capacity);
            }
            System.arraycopy(models, at, models, at + 1, size - at);
            System.arraycopy(weight, at, weight, at + 1, size - at);
            System.arraycopy(residual, at, residual, at + 1, size - at);
            models[at] = model;
            weight[at] = w;
            residual[at] = r;
            size++;
        }
    }
}
