package dev.chorus.command;

import dev.chorus.budget.BudgetService;
import dev.chorus.budget.ScopeState;
import dev.chorus.budget.Spender;
import dev.chorus.config.Amounts;
import dev.chorus.i18n.Texts;
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
        Texts t = in.texts();
        String[] words = args.isBlank() ? new String[0] : args.strip().split("\\s+");
        if (words.length == 0) {
            return show(spender(in), t);
        }
        if (!words[0].equalsIgnoreCase("set")) {
            return Reply.plain(t.get("budget.how") + " " + t.get("budget.set_usage"));
        }
        if (words.length != 3) {
            return Reply.plain(t.get("budget.set_usage"));
        }
        return set(in, words[1], words[2], t);
    }

    private Reply show(Spender spender, Texts t) {
        StringBuilder text = new StringBuilder();
        for (ScopeState state : budgets.states(spender)) {
            text.append(title(state.scope(), spender.userId(), t)).append(": ");
            if (!state.limited()) {
                text.append(t.get("budget.no_limit"));
            } else {
                text.append(t.get("budget.left", MoneyFormat.dollars(state.remainingMicros()),
                        MoneyFormat.dollars(state.limitMicros()), t.get("period." + state.period().key()),
                        MoneyFormat.dollars(state.usedMicros())));
            }
            text.append('\n').append(t.get("budget.resets_at", resets(state, t))).append('\n');
            Map<String, Long> byModel = budgets.spendByModel(state);
            if (!byModel.isEmpty()) {
                text.append(t.get("budget.by_model", byModel.entrySet().stream()
                        .map(e -> e.getKey() + " " + MoneyFormat.dollars(e.getValue()))
                        .collect(Collectors.joining(", ")))).append('\n');
            }
            text.append('\n');
        }
        return Reply.plain(text.toString().strip());
    }

    private Reply set(Incoming in, String target, String amount, Texts texts) {
        Amounts.Limit limit;
        try {
            limit = Amounts.limit(amount);
        } catch (IllegalArgumentException e) {
            // the parser's reason is in English: it is shared with the config file's checks
            return Reply.plain(texts.get("budget.bad_amount", e.getMessage()) + "\n" + texts.get("budget.set_usage"));
        }
        boolean group = in.chatKind() == ChatKind.GROUP;
        String t = target.toLowerCase(java.util.Locale.ROOT);
        if (!group && (t.equals("group") || t.equals("members"))) {
            return Reply.plain(texts.get("budget.group_only", t));
        }
        if (t.matches("\\d{1,15}") && Long.parseLong(t) < 1) {
            return Reply.plain(texts.get("budget.zero_id"));
        }
        boolean botAdmin = botAdmins.contains(in.userId());
        boolean groupAdmin = group && chatAdmins.isAdmin(in.chatId(), in.userId());
        Optional<ScopeKey> scope = scopeOf(t, in, group);
        if (scope.isEmpty()) {
            return Reply.plain(texts.get("budget.unknown_target", Quote.of(target)) + "\n" + texts.get("budget.set_usage"));
        }
        if (!botAdmin && !(groupAdmin && scope.get().inGroup())) {
            return Reply.plain(texts.get(group ? "budget.group_admins_only" : "budget.admins_only"));
        }
        if (botAdmin && scope.get().kind() == ScopeKind.GROUP) {
            budgets.setGroupAsBotAdmin(in.chatId(), limit, in.userId());
            return Reply.plain(texts.get("budget.group_set", MoneyFormat.dollars(limit.micros()),
                    texts.get("per." + limit.period())));
        }
        if (!botAdmin) {
            // A group's admins divide what the bot's admins allow the group; they cannot raise it.
            Amounts.Limit ceiling = budgets.groupCeiling(in.chatId());
            if (perDay(limit).compareTo(perDay(ceiling)) > 0) {
                return Reply.plain(texts.get("budget.over_ceiling", MoneyFormat.dollars(ceiling.micros()),
                        texts.get("per." + ceiling.period())));
            }
        }
        budgets.set(scope.get(), limit, in.userId());
        return Reply.plain(texts.get("budget.set", title(scope.get(), -1, texts), MoneyFormat.dollars(limit.micros()),
                texts.get("per." + limit.period())));
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
    private String title(ScopeKey scope, long viewer, Texts t) {
        boolean own = scope.id() == viewer;
        return switch (scope.kind()) {
            case USER -> own ? t.get("budget.title.own") : t.get("budget.title.user", who(scope.id(), t));
            case GROUP -> t.get("budget.title.group");
            case MEMBER -> scope.id() == 0 ? t.get("budget.title.members")
                    : own ? t.get("budget.title.own_cap") : t.get("budget.title.cap", who(scope.id(), t));
            case GLOBAL -> t.get("budget.title.global");
        };
    }

    private String who(long userId, Texts t) {
        return directory.username(userId).map(u -> "@" + u).orElse(t.get("budget.user", String.valueOf(userId)));
    }

    private static String resets(ScopeState state, Texts t) {
        return state.resets().format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM HH:mm", t.language().locale()))
                + " " + state.resets().getZone().getId();
    }

    static Spender spender(Incoming in) {
        return in.chatKind() == ChatKind.GROUP ? Spender.inGroup(in.userId(), in.chatId()) : Spender.privately(in.userId());
    }
}
