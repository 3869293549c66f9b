package dev.chorus.command;

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
    private static final String MODES = "cheap, balanced, quality, fast or local";

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
        Preferences current = sessions.preferences(in.chatId());
        if (args.isBlank()) {
            return Reply.plain("Mode: " + current.mode().key() + ". Change it with /mode " + MODES.replace(" or ", "|")
                    .replace(", ", "|") + ".\ncheap: the cheapest good-enough model; balanced: good enough for the "
                    + "task; quality: the strongest; fast: quick models first; local: nothing leaves the bot's machine.");
        }
        Mode mode;
        try {
            mode = Mode.of(args);
        } catch (IllegalArgumentException e) {
            return Reply.plain("There is no mode '" + Quote.of(args) + "'. Choose " + MODES + ".");
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain("Only this group's admins can change its mode.");
        }
        sessions.save(in.chatId(), new Preferences(mode, current.pinnedModel(), current.allowEscalation()), in.userId());
        return Reply.plain("Mode set to " + mode.key() + (in.inGroup() ? " for this group." : "."));
    }

    Reply model(Incoming in, String args) {
        Preferences current = sessions.preferences(in.chatId());
        String wanted = args.strip();
        if (wanted.isEmpty()) {
            return Reply.plain(current.pinnedModel().map(m -> "Every question goes to " + m + ". /model auto lets me "
                    + "choose again.").orElse("I choose the model for each question. /model <id> pins one; /models "
                    + "lists them."));
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain("Only this group's admins can pin a model for it.");
        }
        if (wanted.equalsIgnoreCase("auto")) {
            sessions.save(in.chatId(), new Preferences(current.mode(), Optional.empty(), current.allowEscalation()),
                    in.userId());
            return Reply.plain("Unpinned: I choose the model for each question again.");
        }
        Optional<ModelSpec> model = models.get().stream().filter(m -> m.id().equalsIgnoreCase(wanted)).findFirst();
        if (model.isEmpty()) {
            return Reply.plain("I can't use a model called '" + Quote.of(wanted) + "'. Send /models for the ones I can use.");
        }
        sessions.save(in.chatId(), new Preferences(current.mode(), Optional.of(model.get().id()),
                current.allowEscalation()), in.userId());
        return Reply.plain("Pinned: every question goes to " + model.get().id() + " until /model auto.");
    }

    /**
     * Whether a hard question may go to a stronger, dearer model than the cheapest adequate one on its
     * own. On by default; off keeps every answer at the cheapest model that clears the bar.
     */
    Reply escalation(Incoming in, String args) {
        Preferences current = sessions.preferences(in.chatId());
        String wanted = args.strip().toLowerCase(Locale.ROOT);
        if (wanted.isEmpty()) {
            return Reply.plain(current.allowEscalation()
                    ? "Escalation is on: a hard question may go to a stronger, dearer model (never in cheap mode), "
                    + "and its answer says 🔼 escalated. /escalation off keeps every answer at the cheapest "
                    + "good-enough model."
                    : "Escalation is off: every answer comes from the cheapest good-enough model. /escalation on "
                    + "lets hard questions go to a stronger one.");
        }
        boolean allow;
        if (wanted.equals("on")) {
            allow = true;
        } else if (wanted.equals("off")) {
            allow = false;
        } else {
            return Reply.plain("Use /escalation on or /escalation off.");
        }
        if (!permissions.maySetChatSettings(in)) {
            return Reply.plain("Only this group's admins can change that for the group.");
        }
        sessions.save(in.chatId(), new Preferences(current.mode(), current.pinnedModel(), allow), in.userId());
        return Reply.plain(allow ? "Escalation on: hard questions may go to a stronger model."
                : "Escalation off: every answer comes from the cheapest good-enough model.");
    }

    Reply models() {
        List<ModelSpec> usable = models.get().stream()
                .sorted(Comparator.comparing((ModelSpec m) -> m.price().outputPerMillion()).thenComparing(ModelSpec::id))
                .toList();
        if (usable.isEmpty()) {
            return Reply.plain("No model is configured.");
        }
        StringBuilder text = new StringBuilder("Models I can use (price: $ cheap … $$$$ dear):\n");
        for (ModelSpec m : usable) {
            text.append("\n• ").append(m.id()).append(" · ").append(tier(m)).append(m.local() ? " · local" : "")
                    .append(" · good at ").append(strengths(m)).append(probed.test(m.id()) ? " (probed)" : "");
        }
        text.append("\n\nPin one with /model <id>; /model auto to let me choose.");
        return Reply.plain(text.toString());
    }

    Reply reset(Incoming in) {
        sessions.reset(in.chatId());
        return Reply.plain("Started a new conversation: earlier messages are forgotten.");
    }

    private static String tier(ModelSpec m) {
        BigDecimal out = m.price().outputPerMillion();
        if (out.signum() == 0) {
            return "free";
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
