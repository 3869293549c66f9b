package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.provider.resilience.ProviderHealth;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** {@code /status} as a small monospace table that fits a phone screen. */
final class StatusReport {
    private StatusReport() {
    }

    static Reply render(List<ProviderHealth> providers, Deliveries deliveries, Texts t) {
        String outbox = "\n" + t.get(deliveries.waiting() == 1 ? "status.outbox.one" : "status.outbox.many",
                deliveries.waiting(), deliveries.expired());
        if (providers.isEmpty()) {
            return Reply.plain(t.get("status.no_provider") + outbox);
        }
        StringBuilder table = new StringBuilder("```\n");
        table.append(String.format(Locale.ROOT, "%-10s %-5s %5s %5s %4s%n", t.get("status.col.provider"),
                t.get("status.col.state"), "p50", "p95", t.get("status.col.err")));
        for (ProviderHealth p : providers) {
            table.append(String.format(Locale.ROOT, "%-10s %-5s %5s %5s %4s%n", shorten(p.provider()),
                    state(p.breaker(), t), seconds(p.p50()), seconds(p.p95()),
                    p.failureRate() < 0 ? "–" : Math.round(p.failureRate()) + "%"));
        }
        table.append("```\n");
        table.append(t.get("status.legend")).append('\n').append(outbox);
        return Reply.answer(table.toString(), null);
    }

    private static String state(String breaker, Texts t) {
        return switch (breaker) {
            case "CLOSED" -> t.get("status.state.ok");
            case "OPEN" -> t.get("status.state.open");
            case "HALF_OPEN" -> t.get("status.state.trial");
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
