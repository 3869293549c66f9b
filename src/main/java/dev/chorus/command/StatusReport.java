package dev.chorus.command;

import dev.chorus.provider.resilience.ProviderHealth;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code /status} as a small monospace table that fits a phone screen. */
final class StatusReport {
    private StatusReport() {
    }

    static Reply render(List<ProviderHealth> providers, Deliveries deliveries) {
        String outbox = "\nOutbox: " + deliveries.waiting() + " message" + (deliveries.waiting() == 1 ? "" : "s")
                + " waiting for Telegram, " + deliveries.expired() + " given up this week.";
        if (providers.isEmpty()) {
            return Reply.plain("No provider is configured with a usable model." + outbox);
        }
        StringBuilder table = new StringBuilder("```\n");
        table.append(String.format(Locale.ROOT, "%-10s %-5s %5s %5s %4s%n", "provider", "state", "p50", "p95", "err"));
        for (ProviderHealth p : providers) {
            table.append(String.format(Locale.ROOT, "%-10s %-5s %5s %5s %4s%n", shorten(p.provider()),
                    state(p.breaker()), seconds(p.p50()), seconds(p.p95()),
                    p.failureRate() < 0 ? "–" : Math.round(p.failureRate()) + "%"));
        }
        table.append("```\n");
        table.append("p50/p95: time to first token over the last 5 minutes. err: failed share of the last 20 calls. "
                + "state: ok, OPEN (skipped for now) or trial.\n" + outbox);
        return Reply.answer(table.toString(), null);
    }

    private static String state(String breaker) {
        return switch (breaker) {
            case "CLOSED" -> "ok";
            case "OPEN" -> "OPEN";
            case "HALF_OPEN" -> "trial";
            default -> breaker.toLowerCase(Locale.ROOT);
        };
    }

    private static String seconds(Duration d) {
        return d == null ? "–" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    private static String shorten(String name) {
        return name.length() <= 10 ? name : name.substring(0, 9) + "…";
    }
}
