package dev.chorus.command;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chorus.money.MoneyFormat;
import dev.chorus.orchestration.probe.ProbeResult;
import dev.chorus.orchestration.probe.ProbeService;
import dev.chorus.provider.catalog.ModelSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /probe <model>} for the bot's admins: the cost first, with a button to run it; then the
 * suite runs with its progress shown, is charged to the global budget, and the measured scores
 * stand in for the catalog's (they show in /models).
 */
final class ProbeFlow {
    static final String RUN = "pr:";
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final ProbeService probes;
    private final Set<Long> admins;
    private final Supplier<List<ModelSpec>> models;
    private final Clock clock;
    // offered probes by token: a model id can be longer than a button's 64 bytes allow
    private final Cache<String, String> offered = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(30))
            .maximumSize(1_000).build();

    ProbeFlow(ProbeService probes, Set<Long> admins, Supplier<List<ModelSpec>> models, Clock clock) {
        this.probes = probes;
        this.admins = admins;
        this.models = models;
        this.clock = clock;
    }

    Reply offer(Incoming in, String args) {
        dev.chorus.i18n.Texts t = in.texts();
        if (!admins.contains(in.userId())) {
            return Reply.plain(t.get("probe.admins_only"));
        }
        String id = args.strip();
        if (id.isEmpty()) {
            return Reply.plain(t.get("probe.usage", models.get().stream().map(ModelSpec::id).findFirst()
                    .orElse("gpt-4o-mini")));
        }
        Optional<ModelSpec> model = find(id);
        if (model.isEmpty()) {
            return Reply.plain(t.get("probe.unknown", Quote.of(id)));
        }
        int tasks = probes.suite().tasks().size();
        String domains = probes.suite().perDomain().entrySet().stream()
                .map(e -> e.getKey().key() + " " + e.getValue()).collect(Collectors.joining(", "));
        String token = UUID.randomUUID().toString().substring(0, 12);
        offered.put(token, model.get().id());
        return Reply.plain(t.get("probe.offer", model.get().id(), tasks, domains,
                        MoneyFormat.dollars(probes.estimateMicros(model.get()))))
                .withButtons(new Reply.Button(t.get("button.probe"), RUN + token));
    }

    boolean onButton(Callback callback, ChatOutput out) {
        if (!callback.data().startsWith(RUN)) {
            return false;
        }
        dev.chorus.i18n.Texts t = callback.texts();
        if (!admins.contains(callback.userId())) {
            out.acknowledge(callback.callbackId(), t.get("probe.admins_only_short"));
            return true;
        }
        String token = callback.data().substring(RUN.length());
        String id = offered.getIfPresent(token);
        Optional<ModelSpec> model = id == null ? Optional.empty() : find(id);
        if (model.isEmpty()) {
            out.acknowledge(callback.callbackId(), t.get("probe.expired"));
            return true;
        }
        offered.invalidate(token);
        out.acknowledge(callback.callbackId(), t.get("probe.starting", model.get().id()));
        ChatOutput.AnswerStream stream = out.startAnswer();
        int total = probes.suite().tasks().size();
        stream.showStatus(t.get("probe.status.start", model.get().id(), total));
        Instant[] shown = {clock.instant()};
        Optional<ProbeResult> result = probes.probe(model.get(), (done, all, passed, cost) -> {
            Instant now = clock.instant();
            if (done == all || !now.isBefore(shown[0].plus(PROGRESS_EVERY))) {
                shown[0] = now;
                stream.showStatus(t.get("probe.status", model.get().id(), done, all, passed, MoneyFormat.dollars(cost)));
            }
        });
        stream.finish(Reply.plain(result.map(r -> summary(r, t)).orElse(t.get("probe.busy", model.get().id()))));
        return true;
    }

    static String summary(ProbeResult r, dev.chorus.i18n.Texts t) {
        int passed = r.scores().values().stream().mapToInt(ProbeResult.Score::passed).sum();
        int answered = r.scores().values().stream().mapToInt(ProbeResult.Score::answered).sum();
        StringBuilder text = new StringBuilder(t.get("probe.summary", r.model(), passed, answered,
                MoneyFormat.dollars(r.costMicros())));
        r.scores().forEach((domain, s) -> text.append("\n• ").append(domain.key()).append(": ").append(s.passed())
                .append('/').append(s.answered()).append(String.format(Locale.ROOT, " → %.2f", s.capability())));
        if (r.unanswered() > 0) {
            text.append("\n").append(r.stopped() != null ? t.get("probe.unanswered_why", r.unanswered(), r.stopped())
                    : t.get("probe.unanswered", r.unanswered()));
        }
        text.append("\n").append(t.get(r.scores().isEmpty() ? "probe.nothing" : "probe.in_use"));
        return text.toString();
    }

    private Optional<ModelSpec> find(String id) {
        return models.get().stream().filter(m -> m.id().equalsIgnoreCase(id)).findFirst();
    }
}
