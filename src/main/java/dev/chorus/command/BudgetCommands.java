package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import dev.chorus.budget.ScopeState;
import dev.chorus.budget.Spender;
import dev.chorus.config.Amounts;
import dev.chorus.money.MoneyFormat;
import dev.chorus.store.Directory;
import dev.chorus.store.ScopeKey;
import dev.chorus.store.ScopeKind;
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
        String t = target.toLowerCase(java.util.Locale.ROOT);
        if (!group && (t.equals("group") || t.equals("members"))) {
            return Reply.plain("'" + t + "' works only in a group chat: send this command in the group.");
        }
        if (t.matches("\\d{1,15}") && Long.parseLong(t) < 1) {
            return Reply.plain("0 is not a Telegram user id. Use the person's @username or their numeric id.");
        }
        boolean botAdmin = botAdmins.contains(in.userId());
        boolean groupAdmin = group && chatAdmins.isAdmin(in.chatId(), in.userId());
        Optional<ScopeKey> scope = scopeOf(t, in, group);
        if (scope.isEmpty()) {
            return Reply.plain("I don't know who '" + Quote.of(target) + "' is. Use @username of someone who has "
                    + "written to me, a numeric user id, 'group' or 'members' (in a group), or 'global'.\n" + SET_USAGE);
        }
        if (!botAdmin && !(groupAdmin && scope.get().inGroup())) {
            return Reply.plain(group ? "Only this group's admins and the bot's admins can change budgets here."
                    : "Only the bot's admins can change budgets.");
        }
        if (botAdmin && scope.get().kind() == ScopeKind.GROUP) {
            budgets.setGroupAsBotAdmin(in.chatId(), limit, in.userId());
            return Reply.plain("Done: this group's budget is now " + MoneyFormat.dollars(limit.micros()) + " per "
                    + limit.period() + ", and its own admins may set it up to that.");
        }
        if (!botAdmin) {
            // A group's admins divide what the bot's admins allow the group; they cannot raise it.
            Amounts.Limit ceiling = budgets.groupCeiling(in.chatId());
            if (perDay(limit).compareTo(perDay(ceiling)) > 0) {
                return Reply.plain("That is more than this group may have: at most "
                        + MoneyFormat.dollars(ceiling.micros()) + " per " + ceiling.period()
                        + ", as the bot's admins allow. Ask them to raise it.");
            }
        }
        budgets.set(scope.get(), limit, in.userId());
        return Reply.plain("Done: " + title(scope.get(), -1) + " is now " + MoneyFormat.dollars(limit.micros()) + " per "
                + limit.period() + ".");
    }

    /** A limit as micro-dollars per day, to compare limits of different periods (a month as 30 days). */
    private static java.math.BigDecimal perDay(Amounts.Limit limit) {
        int days = switch (limit.period()) {
            case "week" -> 7;
            case "month" -> 30;
            default -> 1;
        };
        return java.math.BigDecimal.valueOf(limit.micros()).divide(java.math.BigDecimal.valueOf(days), 6,
                java.math.RoundingMode.HALF_UP);
    }

    private Optional<ScopeKey> scopeOf(String t, Incoming in, boolean group) {
        if (t.equals("global")) {
            return Optional.of(ScopeKey.global());
        }
        if (t.equals("group") || t.equals("members")) {
            return Optional.of(t.equals("group") ? ScopeKey.group(in.chatId()) : ScopeKey.member(0, in.chatId()));
        }
        Optional<Long> user = t.matches("\\d{1,15}") ? Optional.of(Long.parseLong(t))
                : t.startsWith("@") ? directory.userIdOf(t) : Optional.empty();
        return user.map(id -> group ? ScopeKey.member(id, in.chatId()) : ScopeKey.user(id));
    }

    /** How a scope is named to {@code viewer} (-1: to an admin who just changed it). */
    private String title(ScopeKey scope, long viewer) {
        boolean own = scope.id() == viewer;
        return switch (scope.kind()) {
            case USER -> own ? "Your budget" : "The budget of " + who(scope.id());
            case GROUP -> "This group's budget";
            case MEMBER -> scope.id() == 0 ? "Each member's cap in this group"
                    : own ? "Your cap in this group" : "The cap of " + who(scope.id()) + " in this group";
            case GLOBAL -> "The bot's overall budget";
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
