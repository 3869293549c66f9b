package dev.chorus.orchestration.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.chorus.provider.ModelPrice;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.LatencyClass;
import dev.chorus.provider.catalog.ModelSpec;
import dev.chorus.provider.catalog.WireProtocol;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Measured scores stand in for the catalog's; a model the catalog knows nothing about gets them everywhere. */
class MeasuredCapabilitiesTest {
    private final Map<String, Map<Domain, Double>> stored = new HashMap<>();
    private final ProbedCapabilities store = new ProbedCapabilities() {
        @Override
        public Map<String, Map<Domain, Double>> all() {
            return Map.copyOf(stored);
        }

        @Override
        public void save(ProbeResult result) {
            Map<Domain, Double> scores = new EnumMap<>(Domain.class);
            result.scores().forEach((d, s) -> scores.put(d, s.capability()));
            stored.put(result.model(), scores);
        }
    };

    @Test
    void aProbedDomainTakesTheMeasuredScoreAndTheOthersKeepTheCatalogs() {
        ModelSpec known = model("known", Map.of(Domain.MATH, 0.9, Domain.CODE, 0.8, Domain.CHAT, 0.7));
        MeasuredCapabilities capabilities = new MeasuredCapabilities(store);
        assertThat(capabilities.of(known, Domain.MATH)).isEqualTo(0.9);

        store.save(new ProbeResult("known", Map.of(Domain.MATH, new ProbeResult.Score(3, 15)), 100, 0, null));
        assertThat(capabilities.of(known, Domain.MATH)).as("not before reload").isEqualTo(0.9);
        capabilities.reload();
        assertThat(capabilities.of(known, Domain.MATH)).isCloseTo(3.5 / 16, within(1e-9));
        assertThat(capabilities.of(known, Domain.CODE)).isEqualTo(0.8);
        assertThat(capabilities.measured("known")).isPresent();
        assertThat(capabilities.measured("other")).isEmpty();
    }

    @Test
    void aModelAddedWithoutCapabilitiesGetsTheMeanOfWhatWasMeasuredInsteadOfAFlatHalf() {
        Map<Domain, Double> flat = new EnumMap<>(Domain.class);
        for (Domain d : Domain.values()) {
            flat.put(d, 0.5);
        }
        ModelSpec added = model("added", flat);
        store.save(new ProbeResult("added", Map.of(Domain.MATH, new ProbeResult.Score(15, 15),
                Domain.CODE, new ProbeResult.Score(13, 13)), 100, 0, null));
        MeasuredCapabilities capabilities = new MeasuredCapabilities(store);
        double math = 15.5 / 16;
        double code = 13.5 / 14;
        assertThat(capabilities.of(added, Domain.MATH)).isCloseTo(math, within(1e-9));
        assertThat(capabilities.of(added, Domain.WRITING)).isCloseTo((math + code) / 2, within(1e-9));
    }

    private static ModelSpec model(String id, Map<Domain, Double> capabilities) {
        return new ModelSpec(id, "p", WireProtocol.OPENAI_CHAT, null, 128_000, 4_096,
                new ModelPrice(BigDecimal.ONE, null, BigDecimal.TEN, null), capabilities, LatencyClass.MEDIUM, false);
    }
}
