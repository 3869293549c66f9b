package dev.chorus.provider.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalMiniLmTest {
    private static LocalMiniLm model;

    @BeforeAll
    static void load() {
        model = new LocalMiniLm();
    }

    private static double cosine(String a, String b) {
        float[] x = model.embed(a);
        float[] y = model.embed(b);
        double dot = 0;
        for (int i = 0; i < x.length; i++) {
            dot += x[i] * y[i];
        }
        return dot;
    }

    @Test
    void vectorsAreUnitLengthWith384Dimensions() {
        float[] v = model.embed("How do vaccines work?");
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        assertThat(v).hasSize(384);
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void aRewordingIsCloserThanAnotherQuestion() {
        double paraphrase = cosine("How do I reverse a list in Python?", "What's the way to reverse a Python list?");
        double other = cosine("How do I reverse a list in Python?", "What is the boiling point of water?");
        assertThat(paraphrase).isGreaterThan(0.8);
        assertThat(other).isLessThan(0.3);
    }

    @Test
    void onlyEnglishIsUnderstood() {
        assertThat(model.understands("en")).isTrue();
        assertThat(model.understands("ru")).isFalse();
    }
}
