package dev.chorus.command;

import dev.chorus.i18n.Texts;
import dev.chorus.orchestration.ChatSessions;
import dev.chorus.orchestration.delegation.Mode;
import dev.chorus.orchestration.delegation.Preferences;
import dev.chorus.provider.catalog.Domain;
import dev.chorus.provider.catalog.ModelSpec;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /mode}, {@code /model}, {@code /escalation}, {@code /models} and {@code /new}: how a chat wants
 * its questions routed. In a group only its admins (and the bot's) change these settings.
 */
final class RoutingCommands {
    private final ChatSessions sessions;
    private final Supplier<List<ModelSpec>> models;
    private final Permissions permissions;

    private final dev.chorus.orchestration.delegation.Capabilities capabilities;
    private final java.util.function.Predicate<String> probed;

    RoutingCommands(ChatSessions sessions, Supplier<List<ModelSpec>> models,
                    dev.chorus.orchestration.delegation.Capabilities capabilities,
                    java.util.function.Predicate<String> probed, Permissions permissions) {
        this.capabilities = capabilities;
        this.probed = probed;
        this.sessions = sessions;
        this.models = models;
        this.permissions = permissions;
    }

    Reply mode(Incoming in, String args) {
        Texts t = in.texts();
        Preferences current = sessions.preferences(in.chatId());
        if (args.isBlank()) {
            return Reply.plain(t.get("mode.current", current.mode().key()));
        }
        Mode mode;
        try {
            mode = Mode.of(args);
        } catch (IllegalArgumentException e) {
            return Reply.plain(t.get("mode.unknown", Quote.of(args)));
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain(t.get("mode.group_admins_only"));
        }
        sessions.save(in.chatId(), new Preferences(mode, current.pinnedModel(), current.allowEscalation()), in.userId());
        return Reply.plain(t.get(in.inGroup() ? "mode.set_group" : "mode.set", mode.key()));
    }

    Reply model(Incoming in, String args) {
        Texts t = in.texts();
        Preferences current = sessions.preferences(in.chatId());
        String wanted = args.strip();
        if (wanted.isEmpty()) {
            return Reply.plain(current.pinnedModel().map(m -> t.get("model.pinned_now", m)).orElse(t.get("model.auto_now")));
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain(t.get("model.group_admins_only"));
        }
        if (wanted.equalsIgnoreCase("auto")) {
            sessions.save(in.chatId(), new Preferences(current.mode(), Optional.empty(), current.allowEscalation()),
                    in.userId());
            return Reply.plain(t.get("model.unpinned"));
        }
        Optional<ModelSpec> model = models.get().stream().filter(m -> m.id().equalsIgnoreCase(wanted)).findFirst();
        if (model.isEmpty()) {
            return Reply.plain(t.get("model.unknown", Quote.of(wanted)));
        }
        sessions.save(in.chatId(), new Preferences(current.mode(), Optional.of(model.get().id()),
                current.allowEscalation()), in.userId());
        return Reply.plain(t.get("model.pinned", model.get().id()));
    }

    /**
     * Whether a hard question may go to a stronger, dearer model than the cheapest adequate one on its
     * own. On by default; off keeps every answer at the cheapest model that clears the bar.
     */
    Reply escalation(Incoming in, String args) {
        Texts t = in.texts();
        Preferences current = sessions.preferences(in.chatId());
        String wanted = args.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return Reply.plain(t.get(current.allowEscalation() ? "escalation.is_on" : "escalation.is_off"));
        }
        boolean allow;
        if (wanted.equals("on")) {
            allow = true;
        } else if (wanted.equals("off")) {
            allow = false;
        } else {
            return Reply.plain(t.get("escalation.usage"));
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain(t.get("escalation.group_admins_only"));
        }
        sessions.save(in.chatId(), new Preferences(current.mode(), current.pinnedModel(), allow), in.userId());
        return Reply.plain(t.get(allow ? "escalation.set_on" : "escalation.set_off"));
    }

    Reply models(Texts t) {
        List<ModelSpec> usable = models.get().stream()
                .sorted(Comparator.comparing((ModelSpec m) -> m.price().outputPerMillion()).thenComparing(ModelSpec::id))
                .toList();
        if (usable.isEmpty()) {
            return Reply.plain(t.get("models.none"));
        }
        StringBuilder text = new StringBuilder(t.get("models.title")).append('\n');
        for (ModelSpec m : usable) {
            text.append("\n• ").append(m.id()).append(" · ").append(tier(m, t))
                    .append(m.local() ? " · " + t.get("models.local") : "")
                    .append(" · ").append(t.get("models.good_at", strengths(m)))
                    .append(probed.test(m.id()) ? " " + t.get("models.probed") : "");
        }
        text.append("\n\n").append(t.get("models.footer"));
        return Reply.plain(text.toString());
    }

    Reply reset(Incoming in) {
        sessions.reset(in.chatId());
        return Reply.plain(in.texts().get("new.started"));
    }

    private static String tier(ModelSpec m, Texts t) {
        BigDecimal out = m.price().outputPerMillion();
        if (out.signum() == 0) {
            return t.get("models.free");
        }
        return out.compareTo(BigDecimal.ONE) < 0 ? "$" : out.compareTo(new BigDecimal("5")) < 0 ? "$$"
                : out.compareTo(new BigDecimal("20")) < 0 ? "$$$" : "$$$$";
    }

    private String strengths(ModelSpec m) {
        return Arrays.stream(Domain.values())
                .sorted(Comparator.comparingDouble((Domain d) -> capabilities.of(m, d)).reversed()).limit(3)
                .map(d -> String.format(Locale.ROOT, "%s %.2f", d.key(), capabilities.of(m, d)))
                .collect(Collectors.joining(", "));
    }
}
