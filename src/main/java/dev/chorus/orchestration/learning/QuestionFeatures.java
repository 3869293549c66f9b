package dev.chorus.orchestration.learning;

import dev.chorus.orchestration.analysis.TaskProfile;
import java.util.Arrays;
import java.util.Locale;

/**
 * What a question is made of, for comparing it with rated questions: its words, their stems (the
 * first five letters, the character n-gram that survives inflection: "prove", "proving", "доказ"),
 * and its profile (domain, difficulty decile, length, how many numbers it gives, language, whether it
 * carries code or answer options). Each feature is a hashed id with a weight for its kind: a shared
 * profile says less than a shared rare word. Computed once per question, for routing and learning.
 *
 * @param ids distinct feature ids
 * @param weights the weight of each id's kind, same order
 */
public record QuestionFeatures(int[] ids, float[] weights) {
    /** Long pastes add words, not meaning: the first this many words stand for the question. */
    static final int MAX_WORDS = 300;
    /** Word pairs ("how many", "statement 1") of the opening words, where the task is usually posed. */
    static final int MAX_BIGRAM_WORDS = 60;
    private static final int STEM = 5;
    private static final float PROFILE = 1.5f;
    private static final float WORD = 1.0f;
    private static final float STEM_WEIGHT = 0.6f;
    private static final float BIGRAM = 0.5f;

    public static QuestionFeatures of(String question, TaskProfile profile) {
        Builder b = new Builder();
        String text = question.toLowerCase(Locale.ROOT);
        int numbers = 0;
        int words = 0;
        String previous = null;
        int i = 0;
        int n = text.length();
        while (i < n && words < MAX_WORDS) {
            int c = text.codePointAt(i);
            if (!Character.isLetterOrDigit(c)) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            boolean digits = true;
            while (i < n) {
                int d = text.codePointAt(i);
                if (!Character.isLetterOrDigit(d) && !(d == '.' && digits && i + 1 < n
                        && Character.isDigit(text.charAt(i + 1)))) {
                    break;
                }
                digits &= !Character.isLetter(d);
                i += Character.charCount(d);
            }
            String word = text.substring(start, i);
            words++;
            if (digits) {
                numbers++;
                // the size of a number matters, not its value: "17" and "23" pose the same task
                word = "#" + Math.min(6, word.length());
            } else if (word.codePointCount(0, word.length()) > STEM) {
                b.add("s:" + word.substring(0, word.offsetByCodePoints(0, STEM)), STEM_WEIGHT);
            }
            b.add("w:" + word, WORD);
            if (previous != null && words <= MAX_BIGRAM_WORDS) {
                b.add("b:" + previous + ' ' + word, BIGRAM);
            }
            previous = word;
        }
        b.add("p:domain=" + profile.domain().key(), PROFILE);
        b.add("p:difficulty=" + Math.min(9, (int) (profile.complexity() * 10)), PROFILE);
        b.add("p:length=" + log2Bucket(question.length()), PROFILE);
        b.add("p:numbers=" + log2Bucket(numbers), PROFILE);
        b.add("p:lang=" + profile.language(), PROFILE);
        if (question.contains("```") || question.contains("{\n") || question.contains(";\n")) {
            b.add("p:code", PROFILE);
        }
        if (profile.needs().multiStep()) {
            b.add("p:multistep", PROFILE);
        }
        if (options(question)) {
            b.add("p:options", PROFILE);
        }
        return b.build();
    }

    public int size() {
        return ids.length;
    }

    private static int log2Bucket(int n) {
        return 32 - Integer.numberOfLeadingZeros(n);
    }

    /** Answer options "A) ... B) ..." or "(a) ... (b)": a multiple-choice question. */
    private static boolean options(String q) {
        return (q.contains("A)") || q.contains("A.") || q.contains("(A")) && (q.contains("B)") || q.contains("B.")
                || q.contains("(B"));
    }

    /** FNV-1a over the UTF-16 units, then a murmur finalizer: stable across runs and JVMs, unlike String.hashCode spreads. */
    static int hash(String feature) {
        int h = 0x811c9dc5;
        for (int i = 0; i < feature.length(); i++) {
            h ^= feature.charAt(i);
            h *= 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    private static final class Builder {
        private final int[] seen = new int[2048]; // open addressing; 0 marks a free slot
        private int[] ids = new int[64];
        private float[] weights = new float[64];
        private int size;

        void add(String feature, float weight) {
            int id = hash(feature) | 1; // never 0, the free-slot mark
            int mask = seen.length - 1;
            int slot = id & mask;
            while (seen[slot] != 0) {
                if (seen[slot] == id) {
                    return;
                }
                slot = (slot + 1) & mask;
            }
            seen[slot] = id;
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                weights = Arrays.copyOf(weights, size * 2);
            }
            ids[size] = id;
            weights[size++] = weight;
        }

        QuestionFeatures build() {
            return new QuestionFeatures(Arrays.copyOf(ids, size), Arrays.copyOf(weights, size));
        }
    }
}
