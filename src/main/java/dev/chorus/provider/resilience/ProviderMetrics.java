package dev.chorus.provider.resilience;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per-provider call metrics in Micrometer: time to first token (with p50/p95 over a sliding five
 * minutes) and calls by outcome. The registry can be exported later (Prometheus); /status reads it.
 */
public final class ProviderMetrics {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final MeterRegistry registry;

    public ProviderMetrics() {
        this(new SimpleMeterRegistry());
    }

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String provider, String outcome, long firstTokenNanos) {
        registry.counter("chorus.provider.calls", "provider", provider, "outcome", outcome).increment();
        if (firstTokenNanos > 0) {
            latency(provider).record(firstTokenNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** p50 and p95 time to first token over the last few minutes, or null when there were no calls. */
    public Duration[] firstTokenPercentiles(String provider) {
        HistogramSnapshot snapshot = latency(provider).takeSnapshot();
        if (snapshot.count() == 0) {
            return null;
        }
        Duration[] result = new Duration[2];
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            Duration d = Duration.ofNanos((long) p.value(TimeUnit.NANOSECONDS));
            if (p.percentile() == 0.5) {
                result[0] = d;
            } else if (p.percentile() == 0.95) {
                result[1] = d;
            }
        }
        return result;
    }

    /** How many calls to {@code provider} ended in {@code outcome} since start. */
    public long calls(String provider, String outcome) {
        var counter = registry.find("chorus.provider.calls").tags("provider", provider, "outcome", outcome).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private Timer latency(String provider) {
        return Timer.builder("chorus.provider.first_token")
                .tag("provider", provider)
                .publishPercentiles(0.5, 0.95)
                .publishPercentileHistogram()
                .distributionStatisticExpiry(WINDOW)
                .distributionStatisticBufferLength(5)
                .register(registry);
    }
}
