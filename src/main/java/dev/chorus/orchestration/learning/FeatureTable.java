package dev.chorus.orchestration.learning;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Sums per feature id: a weight of evidence and a weighted sum of residuals. Open addressing over
 * primitive arrays, because there are hundreds of thousands of entries and a boxed map would be
 * several times the memory and much slower to read on the routing path. Not thread-safe: the owner
 * locks.
 */
final class FeatureTable {
    private static final int FREE = 0; // feature ids are never 0 (see QuestionFeatures)
    private int[] keys;
    private double[] weight;
    private double[] residual;
    private int size;

    FeatureTable() {
        this(16);
    }

    private FeatureTable(int capacity) {
        keys = new int[capacity];
        weight = new double[capacity];
        residual = new double[capacity];
    }

    int size() {
        return size;
    }

    void add(int key, double w, double r) {
        if ((size + 1) * 4 >= keys.length * 3) {
            grow();
        }
        int slot = slot(key);
        if (keys[slot] == FREE) {
            keys[slot] = key;
            size++;
        }
        weight[slot] += w;
        residual[slot] += r;
    }

    /** The slot of {@code key}, or -1 when absent. */
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

    double weightAt(int slot) {
        return weight[slot];
    }

    double residualAt(int slot) {
        return residual[slot];
    }

    private int slot(int key) {
        int mask = keys.length - 1;
        int slot = key & mask;
        while (keys[slot] != FREE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        double[] oldWeight = weight;
        double[] oldResidual = residual;
        keys = new int[oldKeys.length * 2];
        weight = new double[keys.length];
        residual = new double[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                weight[slot] = oldWeight[i];
                residual[slot] = oldResidual[i];
            }
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != FREE) {
                out.writeInt(keys[i]);
                out.writeDouble(weight[i]);
                out.writeDouble(residual[i]);
            }
        }
    }

    static FeatureTable read(DataInput in) throws IOException {
        int size = in.readInt();
        int capacity = Integer.highestOneBit(Math.max(16, size * 2)) * 2;
        FeatureTable table = new FeatureTable(capacity);
        for (int i = 0; i < size; i++) {
            int key = in.readInt();
            table.add(key, in.readDouble(), in.readDouble());
        }
        return table;
    }
}
