package dev.chorus.orchestration.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.config.CacheSettings;
import dev.chorus.provider.embedding.LocalMiniLm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cache's matching on the project's written set with the real in-process model at the default
 * threshold. The aims are at least 85% of repeated and reworded questions served and under 1% of
 * questions served someone else's answer; the local model reaches the second, not the first (its
 * figures are in docs/benchmarks.md), so this holds the line where it is: every repeat, more than
 * half of the English ones in all, and under 1% false. It knows English only, so Russian rewordings
 * are matched word for word.
 */
class CacheQualityTest {
    @Test
    void repeatedAndRewordedQuestionsAreServedAndLookAlikesAreNot() {
        CacheQuality quality = new CacheQuality(new LocalMiniLm());
        List<CacheQuality.Figures> figures = quality.run(CacheSettings.DEFAULT.similarity());
        figures.forEach(System.out::println);
        CacheQuality.Figures english = figures.stream().filter(f -> f.language().equals("en")).findFirst().orElseThrow();
        CacheQuality.Figures all = figures.get(0);
        assertThat(english.hitRate()).isGreaterThanOrEqualTo(0.53);
        assertThat(all.falseHitRate()).isLessThan(0.01);
        assertThat(all.byKind().get("repeat")[0]).as("every literal repeat").isEqualTo(all.byKind().get("repeat")[1]);
    }
}
