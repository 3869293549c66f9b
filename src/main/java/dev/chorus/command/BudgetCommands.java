package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import dev.chorus.budget.MoneyFormat;
import dev.chorus.budget.ScopeState;
import dev.chorus.budget.Spender;
import dev.chorus.config.Amounts;
import dev.chorus.store.Directory;
import dev.chorus.store.ScopeKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /budget} (what is left, for whom, until when) and {@code /budget set} for admins. Bot
 * admins may set any budget; a group's Telegram admins only their group's pool and member caps.
 * Bad input or a refusal changes nothing and says why.
 */
final class BudgetCommands {
    static final String SET_USAGE = "Usage: /budget set <@user|user id|group|members|global> <amount>/<day|week|month>, "
            + "for example /budget set @ann 2/day";

    private final BudgetService budgets;
    private final Directory directory;
    private final Set<Long> botAdmins;
    private final ChatAdmins chatAdmins;

    BudgetCommands(BudgetService budgets, Directory directory, Set<Long> botAdmins, ChatAdmins chatAdmins) {
        this.budgets = budgets;
        this.directory = directory;
        this.botAdmins = Set.copyOf(botAdmins);
        this.chatAdmins = chatAdmins;
    }

    Reply handle(Incoming in, String args) {
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        if (words.length == 0) {
            return show(spender(in));
        }
        if (!words[0].equalsIgnoreCase("set")) {
            return Reply.plain("Send /budget to see your budget. " + SET_USAGE);
        }
        if (words.length != 3) {
            return Reply.plain(SET_USAGE);
        }
        return set(in, words[1], words[2]);
    }

    private Reply show(Spender spender) {
        StringBuilder text = new StringBuilder();
        for (ScopeState state : budgets.states(spender)) {
            text.append(title(state.scope(), spender.userId())).append(": ");
            if (!state.limited()) {
                text.append("no limit");
            } else {
                text.append(MoneyFormat.dollars(state.remainingMicros())).append(" of ")
                        .append(MoneyFormat.dollars(state.limitMicros())).append(" left ").append(state.period().current())
                        .append(" (spent ").append(MoneyFormat.dollars(state.usedMicros())).append(")");
            }
            text.append("\nResets ").append(resets(state)).append('\n');
            Map<String, Long> byModel = budgets.spendByModel(state);
            if (!byModel.isEmpty()) {
                text.append("By model: ").append(byModel.entrySet().stream()
                        .map(e -> e.getKey() + " " + MoneyFormat.dollars(e.getValue()))
                        .collect(Collectors.joining(", "))).append('\n');
            }
            text.append('\n');
        }
        return Reply.plain(text.toString().strip());
    }

    private Reply set(Incoming in, String target, String amount) {
        Amounts.Limit limit;
        try {
            limit = Amounts.limit(amount);
        } catch (IllegalArgumentException e) {
            return Reply.plain("That budget was not changed: " + e.getMessage() + ".\n" + SET_USAGE);
        }
        boolean group = in.chatKind() == ChatKind.GROUP;
        boolean botAdmin = botAdmins.contains(in.userId());
        boolean groupAdmin = group && chatAdmins.isAdmin(in.chatId(), in.userId());
        Optional<ScopeKey> scope = scopeOf(target, in, group);
        if (scope.isEmpty()) {
            return Reply.plain("I don't know who '" + target + "' is. Use @username of someone who has written to me, "
                    + "a numeric user id, 'group' or 'members' (in a group), or 'global'.\n" + SET_USAGE);
        }
        boolean groupScope = scope.get().kind().equals("group") || scope.get().kind().equals("member");
        if (!botAdmin && !(groupAdmin && groupScope)) {
            return Reply.plain(group ? "Only this group's admins and the bot's admins can change budgets here."
                    : "Only the bot's admins can change budgets.");
        }
        budgets.set(scope.get(), limit, in.userId());
        return Reply.plain("Done: " + title(scope.get(), -1) + " is now " + MoneyFormat.dollars(limit.micros()) + " per "
                + limit.period() + ".");
    }

    private Optional<ScopeKey> scopeOf(String target, Incoming in, boolean group) {
        String t = target.toLowerCase(java.util.Locale.ROOT);
        if (t.equals("global")) {
            return Optional.of(ScopeKey.global());
        }
        if (t.equals("group") || t.equals("members")) {
            return group ? Optional.of(t.equals("group") ? ScopeKey.group(in.chatId()) : ScopeKey.member(0, in.chatId()))
                    : Optional.empty();
        }
        Optional<Long> user = t.matches("\\d{1,15}") ? Optional.of(Long.parseLong(t))
                : t.startsWith("@") ? directory.userIdOf(t) : Optional.empty();
        return user.map(id -> group ? ScopeKey.member(id, in.chatId()) : ScopeKey.user(id));
    }

    /** How a scope is named to {@code viewer} (-1: to an admin who just changed it). */
    private String title(ScopeKey scope, long viewer) {
        boolean own = scope.id() == viewer;
        return switch (scope.kind()) {
            case "user" -> own ? "Your budget" : "The budget of " + who(scope.id());
            case "group" -> "This group's budget";
            case "member" -> scope.id() == 0 ? "Each member's cap in this group"
                    : own ? "Your cap in this group" : "The cap of " + who(scope.id()) + " in this group";
            default -> "The bot's overall budget";
        };
    }

    private String who(long userId) {
        return directory.username(userId).map(u -> "@" + u).orElse("user " + userId);
    }

    private static String resets(ScopeState state) {
        return state.resets().format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", java.util.Locale.ENGLISH))
                + " " + state.resets().getZone().getId();
    }

    static Spender spender(Incoming in) {
        return in.chatKind() == ChatKind.GROUP ? Spender.inGroup(in.userId(), in.chatId()) : Spender.privately(in.userId());
    }
}
