package dev.chorus.orchestration.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The inverted index keeps every sum through growth, removal and a round trip through bytes. */
class FeatureIndexTest {
    @Test
    void sumsSurviveGrowthAndASnapshot() throws Exception {
        FeatureIndex index = new FeatureIndex();
        Random random = new Random(3);
        int features = 20_000;
        for (int i = 1; i <= features; i++) {
            int key = i * 2 + 1;
            index.addDocument(key, 1);
            index.add(key, i % 7, 1.0, 0.25);
            index.add(key, (i + 3) % 7, 2.0, -0.5);
            if (random.nextInt(4) == 0) {
                index.add(key, i % 7, -1.0, -0.25); // a replaced rating taken out again
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        index.write(new DataOutputStream(bytes));
        FeatureIndex copy = FeatureIndex.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        for (FeatureIndex each : new FeatureIndex[] {index, copy}) {
            for (int i = 1; i <= features; i++) {
                int slot = each.find(i * 2 + 1);
                assertThat(slot).isNotNegative();
                assertThat(each.documents(slot)).isEqualTo(1.0);
                FeatureIndex.Postings p = each.postings(slot);
                assertThat(p.size).isEqualTo(2);
                assertThat(p.models[0]).isLessThan(p.models[1]);
                double total = 0;
                for (int j = 0; j < p.size; j++) {
                    total += p.weight[j];
                }
                assertThat(total).isIn(3.0, 2.0);
            }
            assertThat(each.find(4)).isEqualTo(-1);
        }
    }
}
